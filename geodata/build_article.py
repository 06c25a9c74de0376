#!/usr/bin/env python3
"""Rebuilds geodata/article.json, the article the atlas quotes, from the plain-text conversion in
../shared/article/article.md (Debian's python3, standard library only).

    python3 geodata/build_article.py [path/to/article.md]

It cuts the text into passages with stable ids (section key + position), keeps footnotes as
footnotes, and repairs only the conversion's artefacts, never the author's words:
  * a paragraph split by a page break (it stops mid-sentence, or the text continues after a
    blank line or a footnote block with a lower-case word) is joined again;
  * a word hyphenated at such a break ("in-" / "tegration") is joined without the hyphen when the
    joined word occurs elsewhere in the article, otherwise the hyphen is kept;
  * footnote markers <sup>N</sup> become references, and the footnote bodies between --- rules
    move to the footnote list;
  * Markdown emphasis (*...*, **...**) and link brackets (<...>) are removed; the words stay.
Every repair is listed in the output's "repairs", so a reader can check it against the source.
Typos of the original ("ACEAN", "tale-telling") are kept as the author's text.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "shared", "article", "article.md")
OUTPUT = os.path.join(HERE, "article.json")

CITATION = ("Akbarsho Iskandarov, \u201cSecurity and Integration in Central Asia: The CSTO and SCO\u201d, "
            "Central Asia and the Caucasus (CA&CC Press), Vol. 14, Issue 2, 2013.")

# Section headings of the source, in order, and the short keys their passage ids start with.
SECTIONS = [
    ("ABSTRACT", "abstract", "Abstract"),
    ("Introduction", "intro", "Introduction"),
    ("Security Threats in Central Asia", "threats", "Security Threats in Central Asia"),
    ("Afghanistan as a Security Challenge", "afghanistan", "Afghanistan as a Security Challenge"),
    ("Is an Efficient Collective Security System Possible in Central Asia?", "system",
     "Is an Efficient Collective Security System Possible in Central Asia?"),
    ("Security as the Driving Force behind Regional Integration: The CSTO and SCO", "integration",
     "Security as the Driving Force behind Regional Integration: The CSTO and SCO"),
    ("Conclusion", "conclusion", "Conclusion"),
]


# How a complete paragraph ends; one that ends otherwise was cut by a page break.
TERMINAL = (".", ":", ";", "?", "!", "\u201d", "\"")


def plain(text):
    """Markdown emphasis and link brackets removed, whitespace collapsed; the words unchanged."""
    text = re.sub(r"\[<(https?://[^>]+)>\]", r"[\1]", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\1", text)
    text = re.sub(r"\*([^*]+)\*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def heading_title(line):
    return plain(line.lstrip("#").strip()).strip("*").strip()


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    whole_text = plain(" ".join(lines))
    words = set(re.findall(r"[A-Za-z]+", whole_text))

    # 1. Blocks: paragraphs and list items in order, footnote bodies apart, headings as markers.
    blocks = []  # dicts: kind (heading|paragraph|list-item|footnote|rule), text, line
    para, para_line = [], 0

    def flush():
        nonlocal para
        if para:
            blocks.append({"kind": "paragraph", "text": " ".join(para), "line": para_line})
            para = []

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.startswith("#"):
            flush()
            blocks.append({"kind": "heading", "text": heading_title(line), "line": number})
        elif line.strip() == "---":
            flush()
            blocks.append({"kind": "rule", "text": "", "line": number})
        elif re.match(r"^<sup>\d+</sup>", line):
            flush()
            blocks.append({"kind": "footnote", "text": line, "line": number})
        elif line.startswith("- "):
            flush()
            blocks.append({"kind": "list-item", "text": line[2:], "line": number})
        else:
            if not para:
                para_line = number
            para.append(line.strip())
    flush()

    # 2. Sections, passages, footnotes; page-break joins.
    section_of_heading = {h: (key, title) for h, key, title in SECTIONS}
    sections, passages, footnotes, repairs = [], [], [], []
    current = None
    counters = {}
    for block in blocks:
        kind, text = block["kind"], block["text"]
        if kind == "heading":
            if text in section_of_heading:
                key, title = section_of_heading[text]
                current = {"id": key, "title": title, "passages": []}
                sections.append(current)
            continue  # the article's title block is metadata, not a passage
        if kind == "rule":
            continue
        if kind == "footnote":
            m = re.match(r"^<sup>(\d+)</sup>\s*(.*)$", text)
            footnotes.append({"id": "fn%s" % m.group(1), "number": int(m.group(1)), "text": plain(m.group(2))})
            continue
        if current is None:
            continue  # author block before the abstract
        body = plain(text)
        refs = [int(n) for n in re.findall(r"<sup>(\d+)</sup>", body)]
        body = re.sub(r"<sup>\d+</sup>", "", body).strip()
        # A paragraph that starts in lower case, or follows one that stops mid-sentence, continues
        # the previous one across a page break.
        previous = passages[-1] if passages else None
        if (kind == "paragraph" and previous is not None and previous["kind"] == "paragraph"
                and previous["section"] == current["id"]
                and (body[:1].islower() or not previous["text"].endswith(TERMINAL))):
            head = previous["text"]
            if head.endswith("-") and re.match(r"[a-z]", body):
                stem = re.search(r"([A-Za-z]+)-$", head).group(1)
                tail = re.match(r"([a-z]+)", body).group(1)
                if stem + tail in words:
                    previous["text"] = head[:-1] + body
                    repairs.append({"passage": previous["id"], "what": "joined \u201c%s-\u201d and \u201c%s\u201d, "
                                    "a word hyphenated at a page break" % (stem, tail)})
                else:
                    previous["text"] = head + body
                    repairs.append({"passage": previous["id"], "what": "joined a paragraph split at a page break "
                                    "after \u201c%s-\u201d (hyphen kept)" % stem})
            else:
                previous["text"] = head + " " + body
                repairs.append({"passage": previous["id"], "what": "joined a paragraph split at a page break "
                                "(source line %d)" % block["line"]})
            previous["footnotes"] += refs
            continue
        counters[current["id"]] = counters.get(current["id"], 0) + 1
        pid = "%s-%d" % (current["id"], counters[current["id"]])
        current["passages"].append(pid)
        passages.append({"id": pid, "section": current["id"], "kind": kind, "text": body, "footnotes": refs,
                         "source_line": block["line"]})

    # A footnote body is cited by the passage that carries its marker.
    for fn in footnotes:
        fn["cited_by"] = [p["id"] for p in passages if fn["number"] in p["footnotes"]]
        if not fn["cited_by"]:
            sys.exit("footnote %d is cited by no passage" % fn["number"])
    for p in passages:
        if "<sup>" in p["text"] or "**" in p["text"]:
            sys.exit("markup left in passage %s" % p["id"])

    article = {
        "format": "ca-atlas article 1",
        "citation": CITATION,
        "title": "Security and Integration in Central Asia: The CSTO and SCO",
        "author": "Akbarsho Iskandarov",
        "source": "plain-text conversion shared with the project (shared/article/article.md)",
        "sections": sections,
        "passages": passages,
        "footnotes": footnotes,
        "repairs": repairs,
    }
    with open(OUTPUT + ".tmp", "w", encoding="utf-8") as f:
        json.dump(article, f, ensure_ascii=False, indent=1)
        f.write("\n")
    os.replace(OUTPUT + ".tmp", OUTPUT)
    print("%d sections, %d passages, %d footnotes, %d repairs -> %s" %
          (len(sections), len(passages), len(footnotes), len(repairs), OUTPUT))
    for r in repairs:
        print("  %s: %s" % (r["passage"], r["what"]))


if __name__ == "__main__":
    main()
