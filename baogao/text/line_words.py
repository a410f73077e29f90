"""What the lines of a page say: the words and shapes `text.body` reads.

Interface words, the site's own voice, the labels of a page's records,
counters, datelines and credits; the opening and closing lines of a report
(subtitle, speaker, salutation, signature) and the words that name a kind of
report. Vocabularies of kinds of page furniture and of report grammar, not
lines of any one site; `text.body` weighs them with features that hold
across sites.
"""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_MARKS = re.compile(r"[。！？；，、：;!?,:]")
# Marks of running prose; a colon alone makes a label, not a sentence.
PROSE_MARKS = re.compile(r"[。！？；，、;!?,]")
ENDS_SENTENCE = re.compile(r"[。！？；!;]\s*[”’」』)）]?\s*$")
# Words of a page's interface, in simplified and traditional forms: buttons,
# counters, sharing, navigation, the page's own records and its footer. A
# line that is mostly these is the page's, whatever site prints it.
UI_WORDS = tuple(
    """
    首页 网站首页 当前位置 您的位置 返回 顶部 打印 关闭 窗口 收藏 分享 转发 点赞 评论 举报 纠错
    扫一扫 扫码 二维码 打开 当前页 手机 手机版 移动端 客户端 下载 上传 阅读 浏览 点击 次数 阅读数
    浏览量 发布 发布于 发布时间 发布日期 更新 更新时间 来源 来源于 作者 编辑 责任编辑 审核 校对 终审
    签发 初审 复审 编审 摄影 记者 通讯员 供稿 字号 字体 默认 上一篇 下一篇 上一条 下一条 上一页 下一页
    相关 相关链接 相关文章 相关阅读 相关报告 相关推荐 推荐 热门 热点 最新 排行 更多 查看 全文 详情
    登录 注册 会员 客服 帮助 反馈 网站 网站地图 地图 联系 联系我们 关于我们 版权 版权所有 版权声明
    所有 声明 免责 主办 承办 协办 技术支持 支持 备案 公网安备 邮编 电话 传真 邮箱 地址 访问 访问量
    文档 页数 字数 格式 大小 分享者 贡献者 下载券 积分 预览 付费 购买 价格 原创 文库 收起 展开 复制
    搜索 站内 导航 栏目 频道 专题 投稿 订阅 关注 公众号 微信 微博 微信号 小程序 索引号
    發布 發佈 來源 編輯 責任編輯 審核 閱讀 瀏覽 點擊 掃一掃 當前頁 打開 關閉 列印 收藏 分享 轉發
    舉報 評論 網站 版權 聯繫 聯繫我們 關於我們 首頁 上一篇 下一篇 相關 推薦 熱門 更多 下載 檢視
    文檔 簡介 简介 文档简介 內容 内容 内容简介 頁數 字數 格式 大小 當前位置 您现在的位置 位置
    """.split()
)
UI = re.compile("|".join(sorted(map(re.escape, set(UI_WORDS)), key=len, reverse=True)))
# A date and time as a page prints it (2025-03-02 10:15, 2025/3/2), not as a
# report writes one (2025年3月2日).
PAGE_DATE = re.compile(r"(19|20)\d\d\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|(?<!\d)\d{1,2}:\d\d(?!\d)")
# An image's file name alone on a line, where a scraper wrote the picture (图片1.png).
IMAGE_FILE = re.compile(r"^\S{1,60}\.(?:png|jpe?g|gif|bmp|webp)$", re.I)
URL = re.compile(
    r"https?://|www\.|\.(com|cn|net|org|gov)\b|\.(docx?|pdf|xlsx?|pptx?|wps|txt|png|jpe?g|gif|bmp|webp)\b", re.I
)
# The site speaking of itself or of the file it offers (a template site's
# blurb, a document site's notice): never the report's words.
SITE_VOICE = re.compile(
    r"下载(的|本)?文档|文档(下载|内容)|上传者|会员上传|版权归|水印|本平台|平台不提供|小编"
    r"|欢迎(?:您|你)?(访问|光临|来到|进入)|歡迎(?:您|你)?(訪問|光臨|來到|進入)|未经.{0,8}授权|不得转载|转载请注明|二次传播|追究法律责任|本网(?!格)|本站"
    r"|立即(了解|下载|购买|咨询|体验|注册)|免费(下载|领取|试用|咨询)|点击(查看|下载|进入|了解|这里)|本站|本网(?!格)|网友(?:评论|評論|跟帖|发表|發表)|(?:為|为)(?:您|你)(?:整理|分享|精选|精選|收集|推荐|推薦|带来|帶來)|(?:為|为)大家(?:整理|分享|带来|帶來|提供|推荐|推薦|精心|收集|准备|準備|搜集|精选|精選)|仅供参考|僅供參考|欢迎(阅读|参考|借鉴|下载)|歡迎(閱讀|參考)"
    r"|所在栏目|所在欄目|内容摘要[:：]|(?:您)?需要先登(?:录|陆|錄|陸)|请先登(?:录|陆)|請先登(?:錄|陸)"
    r"|希望(对|能|對)(你|您|大家)|由(会员|會員|用户|用戶)(分享|上传|上傳|提供)|不代表本站|若需要原创|(?:如有|若有|如涉及|涉嫌|如|若)(?:侵权|侵權)|(?:侵权|侵權)(?:请|請|必删|必刪|删除|刪除|联系|聯繫|投诉|投訴|必究)|侵犯(?:您|你)的|联系客服|聯繫客服|人工客服"
    # a document site's terms: 本文档共24页, 该文档为VIP文档, 版权申诉, 大量收购…文档
    r"|(?:本|该|此)文档(?:共|为|為)|VIP(?:文档|会员|會員)|版权申诉|版權申訴|收购[^，。]{0,6}文档"
    # a template site introducing its copy: 一篇名为《…》的范文, 下面的这篇…大家一起参考一下吧
    r"|(?:下面|以下)的?这篇|一起参考一下吧"
    r"|(?:一篇|名为|名為|题为|題為)《[^》]{2,80}》的?(?:范文|範文)"
)
# What a document or template site calls itself (公文汇,办公文档之家): on a
# short line only, where no report names its own text so.
DOCUMENT_SITE = re.compile(r"范文|範文|文库|文庫|文档之家|文檔之家|写作网|寫作網")
# A label of the page's own records followed by its value: 来源：某某晚报,
# 责任编辑：张三. Report lines may hold a colon, but do not open with these.
RECORD_LABEL = re.compile(
    r"^[•·*]?\s*(本文)?(来源|來源|作者|编辑|編輯|责任编辑|責任編輯|审核|審核|校对|校對|终审|終審|发布|發布|发布时间|发布日期"
    r"|更新时间|时间|時間|日期|浏览|瀏覽|点击|點擊|阅读|閱讀|字号|字號|索引号|分类|分類|文号|文號|主题词|标签|標籤|关键词|關鍵詞"
    r"|上一篇|下一篇|上一条|下一条|上一頁|下一頁|版权所有|版權所有|备案号|主办单位|主办|承办|技术支持|网站标识码|联系电话|地址"
    r"|栏目|欄目|版次|记者|記者|设计|設計|制作|製作|监制|策划|出品|供稿|摄影|攝影|图片|圖片|视频|視頻|相关\S{0,6})"
    r"(\s*[:：]|\s+)"
    # A law database's fields, printed with or without a separator: 时效性现行有效.
    r"|^(时效性|時效性|效力级别|效力級別|发布部门|發布部門|发文字号|發文字號|公布日期|施行日期|法规类别|法規類別)"
)
# A page's own counters: pages, words, size, reads, downloads (• 约 9页, 阅读 1.2万).
COUNTER = re.compile(
    r"^[•·\-*]?\s*(约|共|大小|阅读|浏览|下载)?\s*[:：]?\s*[\d.,]+\s*(万|千)?\s*"
    r"(页|頁|字|千字|次|人阅读|人浏览|阅读|浏览|下载|积分|KB|MB|kb|mb|M|K|W)?\s*$"
    # the copy's own length, with what the site does with it (本文共9296字，仅展示…)
    r"|^(本文|全文|文档|文檔|此文档|此文檔)\s*(约|約|共|有)?\s*[\d.,]+\s*(万|萬|千)?\s*(字|页|頁)(?:[,，].{0,12})?$"
    # a document site's caption under each page's picture (…工作报告_第3页)
    r"|^.{0,80}?[_＿]\s*第\s*\d+\s*(页|頁)$"
)
# A number alone on a line, as a table's cell: 296299, -5.4, 13.7%, 162817吨 (with its unit).
NUMBER_CELL = re.compile(r"^[#＃\-+]?[\d.,，%％]+(?:[\u4e00-\u9fff]{1,2})?$|^[A-Za-z]{1,6}$")
# Links to the previous and next article, whatever their titles' length.
PREVIOUS_NEXT = re.compile(r"^(上一篇|下一篇|上一条|下一条|上一頁|下一頁|上篇|下篇|相关\S{0,6}|相關\S{0,6})[:：]")
# A news agency's dateline on its own: (新华社北京3月20日电).
DATELINE = re.compile(
    r"^[（(]?\S{0,12}?([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日电[)）]?$"
)
# A credit line: 新华社国内部出品.
CREDIT = re.compile(r"(出品|供稿|制作|监制)$")
# A site's registration numbers: 京ICP备12345678号, 公网安备.
REGISTRATION = re.compile(r"ICP\s*[备證证]|公网安备|网站标识码", re.I)
# A line of a table of contents: a title, dot leaders or spaces, a page number.
CONTENTS_ENTRY = re.compile(r"^\S.{1,60}?(\s*[.…·．]{2,}\s*|\s+)\d{1,4}$")
CONTENTS_RUN = 3
# The label over a list of contents (目录, 提纲, 目录/提纲：……).
CONTENTS_LABEL = re.compile(r"^(目录|目錄|提纲|提綱)([/／、](目录|目錄|提纲|提綱))?[:：]?[.…·．]*$")
ELLIPSIS_LINE = re.compile(r"^\s*[.…·．]{2,}\s*$")
# Pinyin printed after each character by a page's ruby annotation (會(huì)).
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
# The label of an attached document, above its title: 附件, 附件2.
ATTACHMENT = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]{0,3}[:：]?$")
# Markup a scraper left around a line's words (<h4>各位代表：</h4>): read without it.
INLINE_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
CRUMB = re.compile(r"[>＞»›]|-{1,2}>|→")
BRACKETED = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
# Items of a menu or a breadcrumb, separated: 首页 > 政务公开 > 工作报告.
SEPARATORS = re.compile(r"\s*(?:[|｜>＞»›/\\•·]|-{1,3}>|→|—>)\s*")

# The opening and closing lines of a report, which are short and have no
# sentence but are the report's: a subtitle (——在…会议上), a meeting, a
# delivery date, a speaker (区长 张三), a salutation (各位代表：), a closing
# formula, a signature date.
# The roles a speaker's line names before the name (市长 某某某, 局长 ×××).
SPEAKER_ROLES = "总理|省长|市长|县长|区长|旗长|州长|盟长|镇长|乡长|主任|院长|检察长|局长|书记|主席|校长|厅长|处长|科长"
FRAME = re.compile(
    r"^(?:[—－━]{1,4}|-{2,4})"  # ——2023年1月12日在…会议上 (one hyphen is a list's bullet)
    r"|^[（(]?\s*(19|20)\d\d\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*[)）]?$"  # （2013年3月20日）
    r"|^[（(]\s*(19|20)\d\d\s*年.{2,60}[)）]$"  # （2017年11月1日在…会议上）
    r"|在.{2,50}(会议|大会|会)上"
    r"|^(19|20)\d\d\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*在.{2,50}(会议|大会)$"  # …在…会议 (上 lost)
    # the date and place of a meeting, the line broken before the meeting's name
    r"|^(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在[^，。,；;！？：:]{2,30}$"
    # when a congress passed it (2024年10月18日…常务委员会第二十四次会议通过)
    r"|^[（(]?\s*(19|20)\d\d\s*年[^，。,；;！？]{2,60}(会议|大会)(审议)?(通过|批准)\s*[)）]?$"
    r"|^(各位|尊敬的|同志们|代表们|亲爱的).{0,20}[：:，,]?$"
    r"|^.{0,16}(各位|同志|代表|委员|领导).{0,12}[：:]$"
    # a report addressed to a body (市人大常委会：, 某县人民政府教育督导室：)
    r"|^[\u4e00-\u9fff（）()、]{1,30}(常委会|委员会|政府|督导室|办公室|教育局|局|厅|学校|中心|领导小组)[：:]$"
    r"|^(特此|此致|以上|附件?[:：0-9一二三四五六七八九十])"
    # a speaker: a role and a name, or the name masked (市长 ***, 局长 ×××)
    rf"|({SPEAKER_ROLES})"
    r"\s*([\u4e00-\u9fff·]{1,2}(\s?[\u4e00-\u9fff·]){0,2}|[*＊×xX]{2,4})$"
    # a body, as an issuer above the text or a signature under it, maybe dated
    r"|(人民政府|委员会|局|院|办公室|学校|中心|政府|党委|支部|小组|厅|处|总队|總隊|调查队|調查隊)"
    r"\s*((19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*$"
)
# Who delivers a report in person, as a news item names them before their
# name (总理李克强作…, 检察长应勇向大会报告…), in both scripts.
DELIVERING_ROLES = "总理|總理|院长|院長|检察长|檢察長|省长|省長|市长|市長|县长|縣長|区长|區長|主任|主席|书记|書記"
# Names a kind of report: what a title line says it is.
REPORT_WORDS = re.compile(
    r"报告|報告|讲话|講話|致辞|主持词|主持詞|发言(?!人)|發言(?!人)|述职|述職|总结|總結|计划|計劃|計畫|方案|公报|公報|意见|意見|要点|要點|通报|通報"
    r"|决议|決議|规划|規劃|汇报|匯報|情况|情況|自查|自评|纲要|綱要|通知|决定|決定|办法|辦法"
)

# The heading of an annual report's review of its year, numbered or not
# (2022年主要工作, 一、2022年工作回顾): a heading of the report, never its title.
REVIEW_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}[、.．]\s*)?((?:19|20)\d\d)\s*年(?:的)?(?:主要)?工作(?:回顾|回顧|情况|情況)?$"
)

# The first part of a statistical bulletin (国民经济和社会发展统计公报), whoever
# prints it, and what its text speaks of (read in simplified characters).
BULLETIN_OPENS = re.compile(r"^(?:一\s*[、.．]|[■□●◆▲]+)?\s*综\s*合\s*$")
BULLETIN_SPEAKS = re.compile(r"初步(?:核算|测算|统计)|地区生产总值|国内生产总值")

# The formula that opens a report to a congress or its standing committee:
# who reports (`body`) and what (`what`): 我代表市中级人民法院向大会报告工作,
# 我受区人民政府的委托,向区人大常委会报告…审计情况; or, without 代表, what
# the speaker reports (`reported`): 我向大会报告区人民法院工作.
OPENING_FORMULA = re.compile(
    r"我(?:代表|受)(?P<body>[^，,。；;]{2,30}?)(?:的)?(?:委托)?\s*[，,]?\s*"
    r"向(?:大会|会议|本次会议|[^，,。]{0,16}(?:常委会|常务委员会))(?P<what>[^。；;]{0,60})"
    r"|我向(?:大会|会议|本次会议)报告(?P<reported>[^，,。；;]{2,30}?)工作"
)
