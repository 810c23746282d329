"""The .docx package (Open Packaging Conventions), written part by part with fixed zip dates;
`zip_parts`, the one deterministic zip writer, also writes the .xlsx workbooks.

Nothing comes from python-docx's default template: the parts are the renderer's own
(document, numbering, settings, footers, properties) plus the styles (and, when a custom
reference document has them, the theme and font table) of templates/reference.docx. The same
inputs give the same bytes: fixed zip entry dates and attributes, parts in a fixed order.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .images import Image
from .wordml import escape

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # what Word writes
COMPRESS_LEVEL = 6  # zlib's default: what writestr() uses
STREAM_BATCH = 1 << 20  # characters of a streamed part encoded and compressed at a time
APPLICATION = "renstra-docs"
XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL_DOCUMENT = f"{_OD}/officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = f"{_OD}/extended-properties"
REL = {
    "styles": f"{_OD}/styles",
    "numbering": f"{_OD}/numbering",
    "settings": f"{_OD}/settings",
    "fontTable": f"{_OD}/fontTable",
    "theme": f"{_OD}/theme",
    "footer": f"{_OD}/footer",
    "image": f"{_OD}/image",
}
CONTENT_TYPES = {
    "word/document.xml": f"{_WML}.document.main+xml",
    "word/styles.xml": f"{_WML}.styles+xml",
    "word/numbering.xml": f"{_WML}.numbering+xml",
    "word/settings.xml": f"{_WML}.settings+xml",
    "word/fontTable.xml": f"{_WML}.fontTable+xml",
    "word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
FOOTER_TYPE = f"{_WML}.footer+xml"
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}
# Parts of a reference document that are copied as they are, with their relationship kind.
REFERENCE_PARTS = {
    "word/styles.xml": "styles",
    "word/fontTable.xml": "fontTable",
    "word/theme/theme1.xml": "theme",
}


@dataclass(frozen=True)
class Properties:
    """docProps: what Word shows under File > Info (title, subject, author, company)."""

    title: str
    subject: str
    author: str
    company: str
    date: datetime
    description: str = ""
    language: str = "id-ID"


def source_date(timestamp: float) -> datetime:
    """A UTC date from a POSIX timestamp, rounded down to the second."""
    return datetime.fromtimestamp(int(timestamp), UTC)


def _iso(date: datetime) -> str:
    return date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(props: Properties) -> bytes:
    when = _iso(props.date)
    return (
        f'{XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title>"
        f"<dc:subject>{escape(props.subject)}</dc:subject>"
        f"<dc:creator>{escape(props.author)}</dc:creator>"
        f"<dc:description>{escape(props.description)}</dc:description>"
        f"<cp:lastModifiedBy>{escape(props.author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        f"<dc:language>{escape(props.language)}</dc:language>"
        "</cp:coreProperties>"
    ).encode()


def app_xml(props: Properties) -> bytes:
    """Extended properties: the application and company; no page or word counts (they would
    be wrong: only a word processor knows them, and recomputes them on saving)."""
    return (
        f"{XML_HEADER}<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(props.company)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def settings_xml(update_fields: bool) -> bytes:
    """Settings in schema order. `w:updateFields` makes Word offer to update the tables of
    contents on opening (their page numbers are known only after layout)."""
    update = '<w:updateFields w:val="true"/>' if update_fields else ""
    return (
        f'{XML_HEADER}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
        '2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        f"{update}<w:compat><w:doNotExpandShiftReturn/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/'
        'word" w:val="15"/></w:compat><w:themeFontLang w:val="id-ID"/>'
        '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
    ).encode()


W_ROOT = f'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="{_OD}"'


def footer_xml(content: str) -> bytes:
    return f"{XML_HEADER}<w:ftr {W_ROOT}>{content}</w:ftr>".encode()


def document_head() -> str:
    return f"{XML_HEADER}<w:document {W_ROOT}><w:body>"


DOCUMENT_TAIL = "</w:body></w:document>"


@dataclass
class Package:
    """The parts of one document; `write` zips them (document.xml streamed from pieces)."""

    reference: dict[str, bytes]
    parts: list[tuple[str, bytes]] = field(default_factory=list)
    relationships: list[tuple[str, str]] = field(default_factory=list)  # (type, target)
    content_types: dict[str, str] = field(default_factory=dict)
    _images: dict[str, str] = field(default_factory=dict)  # sha256 -> relationship id

    def __post_init__(self) -> None:
        for name, kind in REFERENCE_PARTS.items():
            if name in self.reference:
                self.add(name, self.reference[name], REL[kind], CONTENT_TYPES[name])

    def add(self, name: str, data: bytes, rel_type: str, content_type: str | None) -> str:
        """Add a part related to the document; its relationship id."""
        self.parts.append((name, data))
        if content_type:
            self.content_types[name] = content_type
        self.relationships.append((rel_type, name.removeprefix("word/")))
        return f"rId{len(self.relationships)}"

    def add_footer(self, content: str) -> str:
        count = sum(1 for name, _ in self.parts if name.startswith("word/footer"))
        return self.add(
            f"word/footer{count + 1}.xml", footer_xml(content), REL["footer"], FOOTER_TYPE
        )

    def add_image(self, image: Image) -> str:
        """The relationship id of `image` (the same picture is stored once)."""
        digest = hashlib.sha256(image.data).hexdigest()
        if digest not in self._images:
            count = len(self._images) + 1
            name = f"word/media/image{count}.{image.extension}"
            self._images[digest] = self.add(name, image.data, REL["image"], None)
        return self._images[digest]

    def write(self, document: Iterable[str], props: Properties) -> bytes:
        return zip_parts(
            [
                ("[Content_Types].xml", self._content_types()),
                ("_rels/.rels", self._package_rels()),
                ("docProps/core.xml", core_xml(props)),
                ("docProps/app.xml", app_xml(props)),
                ("word/document.xml", document),
                ("word/_rels/document.xml.rels", self._document_rels()),
                *self.parts,
            ]
        )

    def _content_types(self) -> bytes:
        defaults = {
            "rels": "application/vnd.openxmlformats-package.relationships+xml",
            "xml": "application/xml",
        }
        for name, _ in self.parts:
            extension = name.rsplit(".", 1)[-1]
            if extension in IMAGE_TYPES:
                defaults[extension] = IMAGE_TYPES[extension]
        overrides = {
            "word/document.xml": CONTENT_TYPES["word/document.xml"],
            "docProps/core.xml": CONTENT_TYPES["docProps/core.xml"],
            "docProps/app.xml": CONTENT_TYPES["docProps/app.xml"],
            **self.content_types,
        }
        xml = [
            f'{XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        ]
        xml += [f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults.items()]
        xml += [f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides.items()]
        return ("".join(xml) + "</Types>").encode("utf-8")

    @staticmethod
    def _package_rels() -> bytes:
        return _relationships(
            [
                (REL_DOCUMENT, "word/document.xml"),
                (REL_CORE, "docProps/core.xml"),
                (REL_APP, "docProps/app.xml"),
            ]
        )

    def _document_rels(self) -> bytes:
        return _relationships(self.relationships)


def _relationships(items: list[tuple[str, str]]) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(items, 1)
    )
    return (
        f'{XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{rels}</Relationships>'
    ).encode()


def read_reference(data: bytes) -> dict[str, bytes]:
    """The parts of a reference .docx that documents take over (styles, theme, fonts)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = set(source.namelist())
        return {name: source.read(name) for name in REFERENCE_PARTS if name in names}


Part = bytes | Iterable[str]  # a part given as strings is encoded and compressed piece by piece


def zip_parts(parts: Iterable[tuple[str, Part]], level: int = COMPRESS_LEVEL) -> bytes:
    """A zip of `parts` (name, content) in the given order, with fixed dates and attributes:
    the same parts give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            _put(target, name, data, level)
    return out.getvalue()


def _put(target: zipfile.ZipFile, name: str, data: Part, level: int) -> None:
    entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 0
    entry.external_attr = 0o644 << 16
    if isinstance(data, bytes):
        target.writestr(entry, data, compresslevel=level)
        return
    entry._compresslevel = level  # type: ignore[attr-defined]  # what writestr() sets
    with target.open(entry, "w") as stream:
        batch: list[str] = []
        size = 0
        for piece in data:
            batch.append(piece)
            size += len(piece)
            if size >= STREAM_BATCH:
                stream.write("".join(batch).encode("utf-8"))
                batch, size = [], 0
        stream.write("".join(batch).encode("utf-8"))
