"""What search finds in a text: its terms, the same for stored text and for a query.

Pure functions, no database. Stored text is reduced to terms when it is written
(services/search_index.py) and a query is reduced the same way when it is asked
(selectors/search.py); the two meet by equality on an indexed table, on PostgreSQL and on
SQLite alike.

- Hangul goes through Kiwi (kiwipiepy), a Korean morphological analyser: nouns lose their
  particles and endings (김다미가 → 김다미), and nouns written together are also kept joined
  (딥+페이크 → 딥페이크, 이태원 클라쓰 → 이태원클라쓰). Kiwi takes ~530 MiB and 1–3 s to load, so
  it is loaded once per process, and only when a text with Hangul is analysed.
- Latin words are lowercased and whole (AI never matches "said"), with a light plural and
  romanisation fold (joon = jun) applied on both sides.
- Names get more: the given name alone (다미), Hangul initials (ㅂㅅㅈ), the Revised
  Romanisation of the Hangul with the common spellings of the surname (Park, Pak, Bak) and
  the initials of the romanised name (PSJ).
"""

import re
import threading
import unicodedata

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
CHOSEONG_ONLY = re.compile(r"^[\u3131-\u314e]+$")
TERM_MAX_LENGTH = 60
# Kiwi's tags kept as terms: common and proper nouns, roots, Chinese characters.
NOUN_TAGS = ("NNG", "NNP", "XR", "SH")

_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_RR_INITIAL = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_RR_MEDIAL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_RR_FINAL = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()]
# How Korean surnames are spelled in English besides their Revised Romanisation.
SURNAME_SPELLINGS = {
    "김": ("kim",),
    "이": ("lee", "yi", "rhee", "rhie"),
    "박": ("park", "pak"),
    "최": ("choi", "choe"),
    "정": ("jung", "jeong", "chung"),
    "강": ("kang",),
    "조": ("cho",),
    "윤": ("yoon",),
    "장": ("chang",),
    "임": ("lim", "yim"),
    "한": ("hahn",),
    "오": ("oh",),
    "서": ("suh",),
    "신": ("shin",),
    "권": ("kwon",),
    "황": ("hwang",),
    "안": ("ahn",),
    "송": ("song",),
    "전": ("jun", "chun"),
    "홍": ("hong",),
    "유": ("yoo", "ryu"),
    "고": ("ko",),
    "문": ("moon",),
    "손": ("sohn",),
    "배": ("bae",),
    "백": ("baek", "paek"),
    "허": ("heo", "hur"),
    "심": ("shim",),
    "노": ("noh", "roh"),
    "성": ("sung",),
    "주": ("joo",),
    "우": ("woo",),
    "구": ("koo",),
    "류": ("ryu", "yoo"),
    "엄": ("um",),
    "천": ("chun",),
    "공": ("kong",),
    "현": ("hyun",),
    "변": ("byun",),
}


def fold_latin(word: str) -> str:
    """One spelling for the ways a word is written in Latin letters: lower case, no hyphens or
    apostrophes, romanisation doubles folded (joon → jun, hee → hi), the commonest English
    endings dropped (kisses, kissing, kissed → kiss). Not a stemmer: the same fold on both
    sides is all that matching needs."""
    word = re.sub(r"['’-]", "", word.lower())
    word = word.replace("oo", "u").replace("ee", "i")
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # date, dating, dated: dat
    return word


def normalize(text: str) -> str:
    # NFC, not NFKC: NFKC turns the initials fans type (ㅂㅅㅈ) into conjoining jamo.
    return unicodedata.normalize("NFC", text).lower()


def choseong(hangul: str) -> str:
    """The initial consonants of each syllable: 박서준 → ㅂㅅㅈ."""
    return "".join(_CHOSEONG[(ord(ch) - 0xAC00) // 588] for ch in hangul if HANGUL.fullmatch(ch))


def romanize(hangul: str) -> str:
    """Revised Romanisation syllable by syllable (no sound changes across syllables), enough
    for names: 박서준 → bakseojun."""
    out = []
    for ch in hangul:
        if not HANGUL.fullmatch(ch):
            continue
        index = ord(ch) - 0xAC00
        initial, medial, final = index // 588, (index % 588) // 28, index % 28
        out.append(_RR_INITIAL[initial].strip("-") + _RR_MEDIAL[medial] + _RR_FINAL[final])
    return "".join(out)


class _Analyser:
    """Kiwi, loaded on first use, with the site's names in its dictionary so that they are
    never split (without them it reads 박서준 as 박/서/준)."""

    def __init__(self):
        self._kiwi = None
        self._words: set[str] = set()
        # A callable returning the site's names, read once when Kiwi loads.
        self.words_source = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._kiwi is not None

    def add_words(self, words) -> None:
        with self._lock:
            new = {w for w in words if w and HANGUL.search(w)} - self._words
            self._words |= new
            if self._kiwi is not None:
                for word in new:
                    self._kiwi.add_user_word(word, "NNP", 0.0)

    def tokens(self, text: str):
        with self._lock:
            if self._kiwi is None:
                from kiwipiepy import Kiwi

                kiwi = Kiwi()
                if self.words_source is not None:
                    self._words |= dictionary_words(self.words_source())
                for word in self._words:
                    kiwi.add_user_word(word, "NNP", 0.0)
                self._kiwi = kiwi
        return self._kiwi.tokenize(text)


analyser = _Analyser()


def _add(terms: set[str], term: str) -> None:
    if term and len(term) <= TERM_MAX_LENGTH:
        terms.add(term)


def _hangul_terms(text: str, terms: set[str]) -> None:
    run: list = []

    def close_run():
        if len(run) > 1:
            _add(terms, "".join(t.form.replace(" ", "") for t in run))
        run.clear()

    for token in analyser.tokens(text):
        adjacent = bool(run) and run[-1].end == token.start
        if token.tag == "XSN" and adjacent:
            # A suffix makes a noun of its own with the noun before (결혼+설 → 결혼설); Kiwi
            # reads the same word as one noun or as noun + suffix depending on what follows.
            run.append(token)
            continue
        if not token.tag.startswith(NOUN_TAGS):
            close_run()
            continue
        if not adjacent:
            close_run()
        run.append(token)
        # A known name written with a space (이태원 클라쓰) comes back as one token.
        for part in token.form.split():
            _add(terms, part)
        _add(terms, token.form.replace(" ", ""))
    close_run()


def text_terms(text: str) -> set[str]:
    """The terms of a title, a claim or a query word."""
    text = normalize(text)
    terms: set[str] = set()
    for word in LATIN_WORD.findall(text):
        _add(terms, fold_latin(word))
    if HANGUL.search(text):
        _hangul_terms(text, terms)
    return terms


def _korean_name_terms(name: str, terms: set[str]) -> None:
    compact = name.replace(" ", "")
    _add(terms, compact)
    for part in name.split():
        _add(terms, part)
    _add(terms, choseong(compact))
    if not HANGUL.fullmatch(compact[:1]):
        return
    # A person's name: surname + given name, the given name alone (다미 finds 김다미).
    if 2 <= len(compact) <= 4:
        given = compact[1:]
        _add(terms, given)
        given_rr = romanize(given)
        _add(terms, fold_latin(given_rr))
        for surname in {romanize(compact[0]), *SURNAME_SPELLINGS.get(compact[0], ())}:
            _add(terms, fold_latin(surname))
            _add(terms, fold_latin(surname + given_rr))
            _add(terms, surname[0] + "".join(romanize(ch)[:1] for ch in given))
    else:
        _add(terms, fold_latin(romanize(compact)))


def _latin_name_terms(name: str, terms: set[str]) -> None:
    parts = LATIN_WORD.findall(name)
    if not parts:
        return
    for part in parts:
        _add(terms, fold_latin(part))
        for piece in part.split("-"):
            _add(terms, fold_latin(piece))
    _add(terms, fold_latin("".join(parts)))
    if len(parts) > 1:
        _add(terms, fold_latin("".join(parts[1:])))  # the given name: Seo-joon, Seojoon
    pieces = [piece for part in parts for piece in part.split("-")]
    if len(pieces) > 1:
        _add(terms, "".join(piece[0] for piece in pieces))  # PSJ


def name_terms(names) -> set[str]:
    """The terms of a person's or work's names (romanised, Hangul, aliases): each name's
    own words, the whole name run together, and the variants fans type. No Kiwi: names are
    the dictionary, not what is analysed."""
    terms: set[str] = set()
    for name in names:
        name = normalize(name).strip()
        if not name:
            continue
        if HANGUL.search(name):
            _korean_name_terms(name, terms)
        _latin_name_terms(name, terms)
    return terms


def query_words(q: str, *, limit: int = 8) -> list[frozenset[str]]:
    """The query's words, each with the terms that would find it; a word with no terms
    (punctuation) is dropped."""
    words = []
    for word in normalize(q).split()[:limit]:
        if CHOSEONG_ONLY.match(word):
            terms = {word}
        else:
            terms = text_terms(word)
            if HANGUL.search(word):
                _add(terms, re.sub(r"[^\uac00-\ud7a3]", "", word))
        if terms:
            words.append(frozenset(terms))
    return words


def dictionary_words(names) -> set[str]:
    """The Hangul names, as Kiwi should know them: each as written and run together."""
    words = set()
    for name in names:
        name = normalize(name).strip()
        if HANGUL.search(name):
            words.add(name.replace(" ", ""))
    return words
