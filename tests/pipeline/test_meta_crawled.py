"""Metadata of crawled government pages (issue 16, meta-crawl): the site's furniture around the document
(menus, breadcrumbs, page data, page tools, footers, related links) is read as a grammar and skipped; a
signature block of several bodies one per line gives them all, in the order written.

Fixtures in crawled/ are the stored texts exactly (no final newline, as stored), from
JunFengXiang/electricity-policy-rag, 03_处理后文本/:
- shanghai_qingjie_goudian_2019.txt  @ e341d9948938c37d12cf0db374eb8acbe15222fd :
  2019-05-31_上海_上海市发展和改革委员会_关于印发《上海市省间清洁购电交易机制实施办法（试行）》的通知.txt
- jiangsu_zhongchangqi_guize_2021.txt  @ b88969c1287f50141d5d5260b2e6c455e8757656 :
  2021-02-03_江苏_国家能源局江苏监管办公室_关于印发《江苏省电力中长期交易规则》的通知_国家能源局江苏监管办公室.txt
- ndrc_xianhuo_shijiesuan_2020.txt  @ f8bd982830c64b678e1049d49fc8e4f81f7ad129 :
  2020-04-03_全国_国家发展改革委_【关于做好电力现货市场试点连续试结算相关工作的通知(发改办能源规〔2020〕245号)】-国家发展和改革委员会.txt
- ndrc_zhongchangqi_hetong_2021.txt  @ 961efa73ec60fbe9315128d15ee4ad7cbe4191a4 :
  2020-12-02_全国_国家发展改革委_【关于做好2021年电力中长期合同签订工作的通知(发改运行〔2020〕1784号)】-国家发展和改革委员会.txt
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.meta import page_furniture
from pipeline.models import Meta

CRAWLED = Path(__file__).parent / "crawled"


def crawled(name: str) -> str:
    return (CRAWLED / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "meta"),
    [
        # Breadcrumb `首页 > 政务公开 > 政策 > 规范性文件` (one item a line): `政策` is a column, not the title
        # (it was taken for one, joined to the page title line above it). The headline repeats the title
        # without its issuers; the document's own lines spell them (`国家发展改革委办公厅` / `国家能源局综合司关于`
        # / …). The signature wraps the first body's name over two lines (`国家发展` / `改革委办公厅`).
        ("ndrc_xianhuo_shijiesuan_2020",
         Meta("国家发展改革委办公厅国家能源局综合司关于做好电力现货市场试点连续试结算相关工作的通知", "发改办能源规〔2020〕245号",
              "国家发展改革委办公厅、国家能源局综合司", "2020-03-26", None)),
        # The same portal, column `通知`; the signature letter-spaces its second body (`国 家 能 源 局`).
        ("ndrc_zhongchangqi_hetong_2021",
         Meta("国家发展改革委国家能源局关于做好2021年电力中长期合同签订工作的通知", "发改运行〔2020〕1784号",
              "国家发展改革委、国家能源局", "2020-11-25", (2021, 2021))),
        # Breadcrumb with `/` opening each item; page data with its 文号 in brackets; three bodies one per line.
        ("shanghai_qingjie_goudian_2019",
         Meta("上海市省间清洁购电交易机制实施办法（试行）", "沪发改规范〔2019〕7号",
              "上海市发展和改革委员会、上海市经济和信息化委员会、国家能源局华东监管局", "2019-05-30", None)),
        # A menu of portal words one per line, font tools `小 | 中 | 大`, a footer; no 文号 on the page.
        ("jiangsu_zhongchangqi_guize_2021",
         Meta("江苏省电力中长期交易规则", None, "国家能源局江苏监管办公室、江苏省发展和改革委员会", "2021-01-06", None)),
    ],
    ids=["ndrc-crumbs-column-zhengce", "ndrc-column-tongzhi", "shanghai-slash-crumbs", "jiangsu-menu"],
)
def test_meta_of_crawled_pages(structure_of, name, meta):
    assert structure_of(crawled(name), name).meta == meta


def test_the_furniture_grammar_on_a_page_head():
    """The NDRC page's head: page title, breadcrumb, page data (`来源：` with its value a line below), a
    page tool; the headline and the document's own title lines are kept."""
    lines = list(enumerate(crawled("ndrc_xianhuo_shijiesuan_2020").split("\n")[:20]))
    kept = [text for k, (_, text) in enumerate(lines) if k not in page_furniture(lines)]
    assert kept[:6] == [
        "关于做好电力现货市场试点连续试结算相关工作的通知(发改办能源规〔2020〕245号)",
        "国家发展改革委办公厅", "国家能源局综合司关于", "做好电力现货市场试点连续试结算", "相关工作的通知",
        "发改办能源规〔2020〕245号",
    ]


def test_table_cells_among_sentences_are_no_menu():
    """Header cells one per line look like a menu, but they stand after the document's first sentence."""
    lines = list(enumerate(["某区水务规划", "为推进水务发展，制定本规划。", "序号", "类别", "指标名称", "指标属性"]))
    assert page_furniture(lines) == set()


# The Shanghai page re-laid with eight bodies signing one per line (its three, and five more Shanghai bureaus
# of its kind): all eight, in the order written (six were the most read before).
EIGHT = ["上海市发展和改革委员会", "上海市经济和信息化委员会", "国家能源局华东监管局", "上海市财政局", "上海市生态环境局",
         "上海市住房和城乡建设管理委员会", "上海市交通委员会", "上海市市场监督管理局"]


def test_eight_bodies_signing_one_per_line(structure_of):
    text = crawled("shanghai_qingjie_goudian_2019").replace(
        "上海市发展和改革委员会\n上海市经济和信息化委员会\n国家能源局华东监管局\n", "\n".join(EIGHT) + "\n"
    )
    meta = structure_of(text).meta
    assert (meta.issuer, meta.issue_date) == ("、".join(EIGHT), "2019-05-30")


@pytest.mark.parametrize(("above", "issuer"), [
    ("国家发展", "国家发展改革委办公厅、国家能源局综合司"),
    # A sentence's end and a title over a signature start no body's name.
    ("特此通知", "改革委办公厅、国家能源局综合司"),
    ("国家发展改革委办公厅", "国家发展改革委办公厅、改革委办公厅、国家能源局综合司"),
], ids=["wrapped-name", "sentence-above", "whole-name-above"])
def test_a_body_name_wrapped_over_two_signature_lines(structure_of, above, issuer):
    text = crawled("ndrc_xianhuo_shijiesuan_2020").replace("国家发展\n改革委办公厅\n", f"{above}\n改革委办公厅\n")
    assert structure_of(text).meta.issuer == issuer


# The NDRC 2021 page re-laid the way bigger portals print: a mega-menu over its breadcrumb (three items a
# column, one a line), and 45 links under `相关政策与解读` (titles of the portal's kind).
MEGA_MENU = "\n".join(f"{column}\n{column}动态\n{column}公告" for column in [
    "首页", "机构概览", "动态要闻", "信息公开", "在线办事", "互动回应", "专题专栏", "政务公开", "新闻发布", "政策解读",
    "规划计划", "数据开放", "人事信息", "财政信息", "通知公告"])
LINKS = "\n".join(f"关于做好第{n}批电力市场交易工作的通知" for n in range(1, 46))


def test_a_menu_pushes_the_number_past_forty_lines(structure_of):
    text = crawled("ndrc_zhongchangqi_hetong_2021").replace("首页\n>\n政务公开", f"{MEGA_MENU}\n>\n政务公开", 1)
    meta = structure_of(text).meta
    assert (meta.title, meta.doc_number) == ("国家发展改革委国家能源局关于做好2021年电力中长期合同签订工作的通知",
                                             "发改运行〔2020〕1784号")


def test_related_links_push_the_signature_past_forty_lines(structure_of):
    text = crawled("ndrc_zhongchangqi_hetong_2021").replace("相关政策与解读\n", f"相关政策与解读\n{LINKS}\n", 1)
    meta = structure_of(text).meta
    assert (meta.issuer, meta.issue_date) == ("国家发展改革委、国家能源局", "2020-11-25")
