"""The Porter stemmer exactly as lunr.js 2.3.9 runs it in the browser.

Ported by hand, line for line, because lunr.py's own stemmer (a port of the
C reference) disagrees with lunr.js on some words ("day" → "dai" in Python,
"day" in lunr.js): a term the index stemmed one way and the query the other
would never meet. `tests/test_search_browser.py` checks this port against
lunr.js itself, word for word.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A_2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B_2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1B_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4_2 = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")
_5_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")


@lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    # step 1a
    if _1A.search(w):
        w = _1A.sub(r"\1\2", w, count=1)
    elif _1A_2.search(w):
        w = _1A_2.sub(r"\1\2", w, count=1)
    # step 1b
    if m := _1B.search(w):
        if _MGR0.search(m.group(1)):
            w = _LAST.sub("", w, count=1)
    elif (m := _1B_2.search(w)) and _S_V.search(m.group(1)):
        w = m.group(1)
        if _1B_AT.search(w):
            w += "e"
        elif _1B_DOUBLE.search(w):
            w = _LAST.sub("", w, count=1)
        elif _1B_CVC.search(w):
            w += "e"
    # step 1c
    if m := _1C.search(w):
        w = m.group(1) + "i"
    # step 2
    if (m := _2.search(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    # step 3
    if (m := _3.search(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    # step 4
    if m := _4.search(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _4_2.search(w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    # step 5
    if m := _5.search(w):
        s = m.group(1)
        if _MGR1.search(s) or (_MEQ1.search(s) and not _5_CVC.search(s)):
            w = s
    if _5_LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    if first == "y":
        w = "y" + w[1:]
    return w
