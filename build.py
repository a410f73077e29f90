#!/usr/bin/env python3
"""Build content/ and site/ from report files: ``python build.py [FILES...]``."""

import sys
from pathlib import Path

from baogao.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
