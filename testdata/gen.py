#!/usr/bin/env python3
"""Build the annotated French and Spanish evaluation sets from their sources.

    python3 testdata/gen.py            # writes testdata/fr-news.jsonl and testdata/es-news.jsonl
    python3 testdata/gen.py --check    # verifies that the committed JSONL files are up to date

Standard library only. The source format is described in testdata/README.md:
each testdata/src/<lang>/NN-slug.txt holds a header (one "@N kind speaker_ref"
line per quotation, plus options), a "===" line, then the article: headline
first, one paragraph per line, with the annotated spans marked inline as
[[C1:...]] (content), [[Q1:...]] (cue) and [[S1:...]] (speaker). A marker may
carry several quotation numbers ([[S2,3:la ministre]]: one mention that is the
speaker of quotations 2 and 3); a role that appears more than once for the
same number makes a discontinuous span whose pieces become "segments".
Markers may nest.
"""

import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
LANGS = ("fr", "es")
KINDS = ("direct", "mixed", "indirect")
ROLES = {"C": "content", "Q": "cue", "S": "speaker"}

NBSP, NNBSP = "\u00a0", "\u202f"
OPEN_MARKS = "«“\"„‹‘"
CLOSE_MARKS = "»”\"“›’"
QUOTE_MARKS = set("\"“”„«»‹›‘’")
DASH = "—"
MIN_WORDS, MAX_WORDS = 120, 300

OPEN_RE = re.compile(r"\[\[([CQS])(\d+(?:,\d+)*):")


class SourceError(Exception):
    pass


def fail(path, msg):
    raise SourceError(f"{os.path.relpath(path, HERE)}: {msg}")


def typography(lang, body, opts):
    """Apply the per-language typography to the marked-up body.

    French: the space inside guillemets becomes U+00A0 (default) or U+202F
    ("@nbsp 202f"), or stays a plain space ("@nbsp none"); the space before
    : ; ! ? becomes U+202F (U+00A0 before ":"), as French typesetting
    does, unless "@nbsp none". "@apos curly" turns ' into ’ (fr and es).
    Markers hold none of these characters, so offsets are unaffected.
    """
    if opts.get("apos") == "curly":
        body = body.replace("'", "’")
    if lang != "fr":
        return body
    mode = opts.get("nbsp", "00a0")
    if mode == "none":
        return body
    inner = {"00a0": NBSP, "202f": NNBSP}.get(mode)
    if inner is None:
        raise ValueError(f"unknown @nbsp {mode}")
    body = body.replace("« ", "«" + inner).replace(" »", inner + "»")
    body = body.replace(" :", NBSP + ":")
    for p in ";!?":
        body = body.replace(" " + p, NNBSP + p)
    return body


def parse_source(path, lang):
    raw = open(path, encoding="utf-8").read()
    if "\r" in raw or "\t" in raw:
        fail(path, "carriage return or tab in source")
    head, sep, body = raw.partition("\n===\n")
    if not sep:
        fail(path, "no '===' line between header and article")
    decl, opts = {}, {}
    for n, line in enumerate(head.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"@(\d+)\s+(\w+)\s+(.+)", line)
        if m and m.group(2) in KINDS:
            qid = int(m.group(1))
            if qid in decl:
                fail(path, f"header line {n}: quotation {qid} declared twice")
            ref = m.group(3).strip()
            decl[qid] = (m.group(2), None if ref == "-" else ref)
            continue
        m = re.fullmatch(r"@(nbsp|apos)\s+(\S+)", line)
        if m:
            opts[m.group(1)] = m.group(2)
            continue
        fail(path, f"header line {n}: cannot read {line!r}")
    body = body.rstrip("\n")
    body = typography(lang, body, opts)

    # Strip the markers, recording the character offsets of every span.
    out, stack, pieces = [], [], {}  # pieces[(qid, role)] = [(start, end), ...]
    i = 0
    while i < len(body):
        m = OPEN_RE.match(body, i)
        if m:
            ids = [int(x) for x in m.group(2).split(",")]
            stack.append((m.group(1), ids, len("".join(out))))
            i = m.end()
            continue
        if body.startswith("]]", i):
            if not stack:
                fail(path, f"unmatched ']]' at character {i}")
            role, ids, start = stack.pop()
            end = len("".join(out))
            for qid in ids:
                pieces.setdefault((qid, role), []).append((start, end))
            i += 2
            continue
        if body.startswith("[[", i):
            fail(path, f"malformed marker at {body[i:i+20]!r}")
        out.append(body[i])
        i += 1
    if stack:
        fail(path, f"unclosed marker {stack[-1][0]}{stack[-1][1]}")
    text = "".join(out)
    return text, decl, pieces, opts


def byte_span(text, start, end):
    """Character offsets -> the eval format's UTF-8 byte-offset span."""
    b0 = len(text[:start].encode("utf-8"))
    b1 = b0 + len(text[start:end].encode("utf-8"))
    return {"start": b0, "end": b1, "text": text[start:end]}


def make_span(path, text, ranges, what):
    ranges = sorted(ranges)
    for a, b in ranges:
        piece = text[a:b]
        if not piece:
            fail(path, f"{what}: empty span")
        if piece != piece.strip():
            fail(path, f"{what}: span {piece!r} starts or ends with whitespace")
    for (a0, b0), (a1, b1) in zip(ranges, ranges[1:]):
        if a1 < b0:
            fail(path, f"{what}: segments overlap")
    span = byte_span(text, ranges[0][0], ranges[-1][1])
    if len(ranges) > 1:
        span["segments"] = [byte_span(text, a, b) for a, b in ranges]
    return span


def strip_edges(s):
    """Strip spaces and trailing punctuation, as the eval README's kind rule does."""
    s = s.strip()
    while s and (s[-1] in ".,;:!?…" or s[-1].isspace()):
        s = s[:-1]
    return s.strip()


def rule_kind(text, span):
    """The kind the shared eval files would derive from the quotation marks."""
    segs = span.get("segments") or [span]
    b = text.encode("utf-8")
    pieces = [strip_edges(b[s["start"]:s["end"]].decode()) for s in segs]
    if all(p and p[0] in QUOTE_MARKS and p[-1] in QUOTE_MARKS for p in pieces):
        return "direct"
    whole = b[span["start"]:span["end"]].decode()
    if any(c in "\"“”„«»‹›" for c in whole):
        return "mixed"
    return "indirect"


def inner_incise(content):
    """A direct quotation the shared rule misreads: a turn opened by a dash
    (no mark closes it), or a French or Spanish quotation whose attribution
    sits inside the marks (« Il va bien, a-t-il dit, mais il est las. »), so
    that only the first segment opens and only the last one closes."""
    t = content["text"]
    if t.startswith(DASH):
        return True
    segs = content.get("segments")
    if not segs:
        return False
    first, last = segs[0]["text"], strip_edges(segs[-1]["text"])
    return first[0] in OPEN_MARKS and last and last[-1] in CLOSE_MARKS


def build_article(path, lang):
    name = os.path.splitext(os.path.basename(path))[0]
    if not re.fullmatch(r"\d\d-[a-z0-9-]+", name):
        fail(path, "file name must be NN-slug.txt")
    text, decl, pieces, opts = parse_source(path, lang)

    # Layout: headline, then paragraphs separated by single newlines.
    lines = text.split("\n")
    if len(lines) < 3:
        fail(path, "need a headline and at least two paragraphs")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            fail(path, f"article line {n} is blank: paragraphs are separated by single newlines")
        if line != line.strip() or "  " in line:
            fail(path, f"article line {n}: stray spaces")
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        fail(path, f"{words} words, want {MIN_WORDS}-{MAX_WORDS}")
    if unicodedata.normalize("NFC", text) != text:
        fail(path, "text is not NFC")
    if lang == "fr" and opts.get("nbsp") != "none":
        for m in re.finditer("«", text):
            if text[m.end():m.end() + 1] not in (NBSP, NNBSP):
                fail(path, f"« without a non-breaking space at {m.start()}")
        for m in re.finditer("»", text):
            if text[m.start() - 1:m.start()] not in (NBSP, NNBSP):
                fail(path, f"» without a non-breaking space at {m.start()}")

    used = {qid for qid, _ in pieces}
    for qid in sorted(used - set(decl)):
        fail(path, f"quotation {qid} is marked but not declared")
    quotes = []
    for qid in sorted(decl):
        kind, ref = decl[qid]
        if (qid, "C") not in pieces:
            fail(path, f"quotation {qid} has no content")
        what = f"quotation {qid}"
        content = make_span(path, text, pieces[(qid, "C")], what + " content")
        cue = make_span(path, text, pieces[(qid, "Q")], what + " cue") if (qid, "Q") in pieces else None
        speaker = make_span(path, text, pieces[(qid, "S")], what + " speaker") if (qid, "S") in pieces else None
        if ref is not None and speaker is None:
            fail(path, f"{what}: speaker_ref {ref!r} without a speaker span")
        if ref is not None and ref not in text:
            fail(path, f"{what}: speaker_ref {ref!r} is not written out in the article")
        if cue is None and speaker is None:
            fail(path, f"{what}: neither cue nor speaker")
        # The kind must agree with the rule the shared files were converted
        # with; a turn opened by a dash is direct although no mark closes it.
        derived = rule_kind(text, content)
        if kind != derived and not (kind == "direct" and inner_incise(content)):
            fail(path, f"{what}: declared {kind}, quotation marks say {derived}: {content['text']!r}")
        if kind == "indirect" and any(c in "«»“”" for c in content["text"]):
            fail(path, f"{what}: indirect content holds a quotation mark")
        for s in (cue, speaker):
            if s is None:
                continue
            for seg in s.get("segments") or [s]:
                for cseg in content.get("segments") or [content]:
                    if seg["start"] < cseg["end"] and cseg["start"] < seg["end"]:
                        fail(path, f"{what}: cue or speaker {seg['text']!r} overlaps its own content")
        quotes.append({"kind": kind, "content": content, "cue": cue,
                       "speaker": speaker, "speaker_ref": ref})
    quotes.sort(key=lambda q: (q["content"]["start"], q["content"]["end"]))
    for a, b in zip(quotes, quotes[1:]):
        if a["content"]["start"] == b["content"]["start"]:
            fail(path, f"two quotations share a content start: {a['content']['text']!r}")
    return {"id": f"{lang}/{name}", "corpus": "verbatim-testdata", "split": "test",
            "lang": lang, "title": lines[0], "text": text, "quotes": quotes}


def verify(doc):
    """Independent check of a built article, as a consumer would read it."""
    b = doc["text"].encode("utf-8")
    prev = -1
    for q in doc["quotes"]:
        assert q["kind"] in KINDS
        assert q["content"]["start"] >= prev, "quotes not sorted by content start"
        prev = q["content"]["start"]
        for key in ("content", "cue", "speaker"):
            s = q[key]
            if s is None:
                continue
            assert b[s["start"]:s["end"]].decode("utf-8") == s["text"], (doc["id"], s)
            for seg in s.get("segments", []):
                assert b[seg["start"]:seg["end"]].decode("utf-8") == seg["text"], (doc["id"], seg)
                assert s["start"] <= seg["start"] <= seg["end"] <= s["end"]
        assert q["speaker_ref"] is None or isinstance(q["speaker_ref"], str)


# Constructions each language's set must contain at least once (issue 5).
def has(pattern, field="text"):
    rx = re.compile(pattern, re.M)
    if field == "text":
        return lambda d: len(rx.findall(d["text"]))
    return lambda d: sum(1 for q in d["quotes"] if q[field] and rx.search(q[field]["text"]))


def count(pred):
    return lambda d: sum(1 for q in d["quotes"] if pred(q))


def sentences(s):
    return len(re.findall(r"[.!?…](?=[\s\u00a0\u202f]*[»”\"]?[\s\u00a0\u202f]+\S)", s))


COMMON = [
    ("direct quotations", count(lambda q: q["kind"] == "direct")),
    ("mixed quotations", count(lambda q: q["kind"] == "mixed")),
    ("indirect quotations", count(lambda q: q["kind"] == "indirect")),
    ("interrupted quotation (segments)", count(lambda q: "segments" in q["content"])),
    ("continuing quotation without cue", count(lambda q: q["cue"] is None and q["speaker"])),
    ("anonymous speaker", count(lambda q: q["speaker"] and q["speaker_ref"] is None)),
    ("multi-sentence direct quotation", count(lambda q: q["kind"] == "direct" and sentences(q["content"]["text"]) >= 1)),
]
COVERAGE = {
    "fr": COMMON + [
        ("« » with U+00A0", has("«\u00a0")),
        ("« » with U+202F", has("«\u202f")),
        ("“ ” quotation", has("“")),
        ("dialogue dash turn", has("^— ")),
        ("inverted -t-il/-t-elle cue", has(r"-t-(il|elle)\b", "cue")),
        ("'a déclaré la ministre'", has(r"a déclaré la ministre")),
        ("'a affirmé'", has(r"\ba affirmé\b")),
        ("'a indiqué que'", has(r"\ba indiqué que\b")),
        ("'selon X'", has(r"^[Ss]elon$", "cue")),
        ("'d'après X'", has(r"^[Dd]['’]après$", "cue")),
        ("indirect with 'que'", has(r"^qu(e|['’])", "content")),
        ("le porte-parole", has(r"\b[Ll]e porte-parole\b", "speaker")),
        ("la ministre", has(r"\bla ministre\b", "speaker")),
        ("le président", has(r"\b[Ll]e président\b", "speaker")),
        ("M. (speaker)", has(r"\bM\. [A-Z]", "speaker")),
        ("Mme (speaker)", has(r"\bMme [A-Z]", "speaker")),
        ("pronoun il/elle speaker", has(r"^(il|elle|Il|Elle)$", "speaker")),
        ("abbreviation M. in text", has(r"\bM\. ")),
        ("abbreviation Mme", has(r"\bMme ")),
        ("abbreviation Dr", has(r"\bDr ")),
        ("abbreviation p. ex.", has(r"\bp\. ex\.")),
        ("curly apostrophe", has("’")),
    ],
    "es": COMMON + [
        ("«» quotation", has("«")),
        ("“ ” quotation", has("“")),
        ("em dash turn", has("^—")),
        ("em dash inserted attribution", has(r" —(dijo|afirmó|aseguró|explicó|declaró|añadió|señaló|insistió|admitió|respondió|advirtió|reconoció|relató|contó|apuntó|subrayó)\b")),
        ("dijo", has(r"^dijo$", "cue")),
        ("afirmó que", has(r"\bafirmó que\b")),
        ("declaró", has(r"^declaró$", "cue")),
        ("aseguró", has(r"^aseguró$", "cue")),
        ("explicó", has(r"^explicó$", "cue")),
        ("según X", has(r"^[Ss]egún$", "cue")),
        ("verb-first 'dijo el portavoz'", has(r"\b(dijo|afirmó|aseguró|explicó|declaró) (el|la) (portavoz|ministra|ministro|presidente|presidenta)\b")),
        ("indirect with 'que'", has(r"^que\b", "content")),
        ("el portavoz", has(r"\b[Ee]l portavoz\b", "speaker")),
        ("la ministra", has(r"\b[Ll]a ministra\b", "speaker")),
        ("el presidente", has(r"\b[Ee]l presidente\b", "speaker")),
        ("Sr. (speaker)", has(r"\bSr\. [A-Z]", "speaker")),
        ("Sra. (speaker)", has(r"\bSra\. [A-Z]", "speaker")),
        ("pronoun él/ella speaker", has(r"^(él|ella|Él|Ella)$", "speaker")),
        ("abbreviation Sr.", has(r"\bSr\. ")),
        ("abbreviation Sra.", has(r"\bSra\. ")),
        ("abbreviation Dr.", has(r"\bDr\. ")),
        ("abbreviation EE. UU.", has(r"\bEE\. UU\.")),
    ],
}


def build(lang):
    d = os.path.join(SRC, lang)
    docs = []
    for fn in sorted(os.listdir(d)):
        if fn.endswith(".txt"):
            doc = build_article(os.path.join(d, fn), lang)
            verify(doc)
            docs.append(doc)
    ids = [doc["id"] for doc in docs]
    if len(set(n[:5] for n in ids)) != len(ids):
        raise SourceError(f"{lang}: two articles share a number")
    return docs


def serialize(docs):
    return "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs)


def summary(lang, docs):
    kinds = {k: 0 for k in KINDS}
    spk = cue = ref = 0
    words = 0
    for doc in docs:
        words += len(doc["text"].split())
        for q in doc["quotes"]:
            kinds[q["kind"]] += 1
            spk += q["speaker"] is not None
            cue += q["cue"] is not None
            ref += q["speaker_ref"] is not None
    total = sum(kinds.values())
    return (f"| {lang}-news.jsonl | {len(docs)} | {words} | {total} | {kinds['direct']} | "
            f"{kinds['mixed']} | {kinds['indirect']} | {spk} | {cue} | {ref} |")


def main():
    check = "--check" in sys.argv[1:]
    verbose = "-v" in sys.argv[1:]
    stale = False
    try:
        built = {lang: build(lang) for lang in LANGS}
    except SourceError as e:
        print("error:", e, file=sys.stderr)
        return 1
    missing = []
    for lang, docs in built.items():
        for label, fn in COVERAGE[lang]:
            n = sum(fn(doc) for doc in docs)
            if verbose:
                print(f"  {lang} {label}: {n}")
            if n == 0:
                missing.append(f"{lang}: {label}")
    if missing:
        print("error: constructions not covered:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    print("| file | articles | words | quotes | direct | mixed | indirect | with speaker | with cue | with speaker_ref |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for lang, docs in built.items():
        out = os.path.join(HERE, f"{lang}-news.jsonl")
        data = serialize(docs)
        for line in data.splitlines():  # every line parses back
            verify(json.loads(line))
        if check:
            old = open(out, encoding="utf-8").read() if os.path.exists(out) else None
            if old != data:
                print(f"{os.path.relpath(out)} is stale: run python3 testdata/gen.py", file=sys.stderr)
                stale = True
        else:
            with open(out, "w", encoding="utf-8", newline="\n") as f:
                f.write(data)
        print(summary(lang, docs))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
