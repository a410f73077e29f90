self.baogaoCatalogue = [["2023-zhangye-education-self-evaluation", "2023年张掖市人民政府履行教育职责情况自评报告", "self-evaluation", "city", "甘肃省/张掖市", "2023", "自评报告 · 甘肃省张掖市 · 2023年", "", "", []]];
