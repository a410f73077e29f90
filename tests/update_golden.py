"""Regenerate tests/golden/content from the example: ``python tests/update_golden.py``.

Review the diff before committing: a golden file changes only when the output
a user gets changes on purpose.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "content"
SAMPLE = ROOT / "sources" / "2023-zhangye-education-self-evaluation.txt"

if __name__ == "__main__":
    shutil.rmtree(GOLDEN, ignore_errors=True)
    command = [sys.executable, str(ROOT / "build.py"), "-q", "--no-site", "--content", str(GOLDEN), str(SAMPLE)]
    status = subprocess.run(command, cwd=ROOT, check=False).returncode
    # baogao's bookkeeping (hashes of code and templates) is not golden.
    (GOLDEN / ".baogao" / "state.sqlite").unlink(missing_ok=True)
    # Nor is the corpus database, a binary file whose contents tests/test_database.py checks.
    (GOLDEN / "corpus.sqlite").unlink(missing_ok=True)
    sys.exit(status)
