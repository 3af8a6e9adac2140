"""Synthetic event reports for benchmarks: the caption layouts of real posts (bold and centred
captions, speaker labels, many-part lines, member lists, agenda tables, prose) filled with
names and organisations generated from the lexicons' surnames and syllables, never seen in the
corpus. Deterministic for a seed: `python -m pipeline.synthetic --posts 1000 --output DIR`."""
from __future__ import annotations

import argparse
import random
from pathlib import Path

GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯鹏飞琳晨欣怡然子涵梓轩博文"
SYLLABLES = "星河云海智联数科启明天元恒信睿达宏图汇通凌峰远航新创锐思瑞泽嘉禾易安华腾博越鼎立光合"
ORG_ENDINGS = ("科技", "软件", "数据", "信息技术有限公司", "大学", "研究院", "网络", "云计算")
TITLES = ("高级工程师", "架构师", "技术总监", "产品经理", "副教授", "首席架构师", "CTO", "研发总监", "开源负责人")
TOPICS = ("云原生数据库实践", "分布式事务的设计", "向量检索引擎", "可观测性平台建设", "开源社区运营之道",
          "大模型推理加速", "存储引擎优化", "边缘计算落地")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def organisation(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(2)) + rng.choice(ORG_ENDINGS)


def post(rng: random.Random, k: int) -> str:
    city = rng.choice(("成都", "北京", "上海", "深圳", "杭州", "西安"))
    day = f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = ["---", f"title: {city}第{k}期技术沙龙回顾", f"date: {day}", f"location: {city}", "---", "",
             f"本次活动在{city}举办，由{organisation(rng)}、{organisation(rng)}联合主办，吸引了众多开发者参加。", ""]
    for _ in range(rng.randint(3, 6)):
        name, org, title, topic = person(rng), organisation(rng), rng.choice(TITLES), rng.choice(TOPICS)
        layout = rng.randrange(4)
        if layout == 0:
            lines += ["![](photo.jpg)", f"**{org}{title} {name}**", "",
                      f"{name}带来了《{topic}》的主题分享，介绍了团队在生产环境中的经验。", ""]
        elif layout == 1:
            lines += [f"**《{topic}》**", f"> {name} | {org} | {title}", ""]
        elif layout == 2:
            lines += [f"讲师：{name}，{org}{title}", "", f"分享主题：{topic}", ""]
        else:
            lines += [f"<center>{title} {name}</center>", "", f"{org}{title}{name}围绕“{topic}”进行了分享。", ""]
    if rng.random() < 0.3:
        lines += [f"{city}用户组首批成员分别是：", ""]
        lines += [f". Member {person(rng)} {organisation(rng)}" for _ in range(rng.randint(3, 8))] + [""]
    if rng.random() < 0.3:
        lines += ["| 时间 | 议题 | 嘉宾 |", "|---|---|---|"]
        lines += [f"| 14:{10 * i:02d} | {rng.choice(TOPICS)} | {organisation(rng)}{rng.choice(TITLES)} {person(rng)} |"
                  for i in range(rng.randint(2, 4))] + [""]
    lines.append("活动最后，大家合影留念，期待下次再见。")
    return "\n".join(lines) + "\n"


def generate(folder: Path, posts: int, seed: int = 7) -> Path:
    """Write `posts` synthetic reports below folder (a hundred to a subfolder)."""
    rng = random.Random(seed)
    for k in range(posts):
        path = folder / f"site-{k // 100:04d}" / f"post-{k:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post(rng, k), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(args.output, args.posts, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
