"""Element order of the WordprocessingML schema (ECMA-376 Part 1, wml.xsd), for tests.

Word refuses or "repairs" a document whose property elements are out of the schema's sequence
order. `assert_schema_order` walks a part and checks the children of every element kind below.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_PPR = """pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers
pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE
autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents
suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr
sectPr pPrChange"""
_RPR = """ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline
shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs
highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"""
_SECT = """headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders
lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid
printerSettings sectPrChange"""
_TBLPR = """tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc
tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"""
_TCPR = """cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText
vAlign hideMark"""
# CT_TrPr: its base properties in any order, then ins, del, trPrChange.
_TRPR_BASE = "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader"
_STYLE = """name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed
qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"""
_LVL = "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"
_ABSTRACT = "nsid multiLevelType tmpl name styleLink numStyleLink lvl"
_NUMBERING = "numPicBullet abstractNum num numIdMacAtCleanup"
_TBL = "bookmarkStart tblPr tblGrid tr"
_TC = "tcPr p tbl"
_SETTINGS = """writeProtection view zoom removePersonalInformation removeDateAndTime
doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText
printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts
saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader
bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors
activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter
stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves
doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet
defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps
showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders
bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing
drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery
doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin
doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne
strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture
doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText
doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags
alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars
rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats
doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary
shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"""

ORDERS: dict[str, list[str]] = {
    "pPr": _PPR.split(),
    "rPr": _RPR.split(),
    "sectPr": _SECT.split(),
    "tblPr": _TBLPR.split(),
    "tcPr": _TCPR.split(),
    "style": _STYLE.split(),
    "lvl": _LVL.split(),
    "abstractNum": _ABSTRACT.split(),
    "numbering": _NUMBERING.split(),
    "tbl": _TBL.split(),
    "tc": _TC.split(),
    "settings": _SETTINGS.split(),
    "trPr": [*(["base"]), "ins", "del", "trPrChange"],
}
_BASE_TRPR = set(_TRPR_BASE.split())


def _name(element: etree._Element) -> str:
    name = etree.QName(element).localname
    return (
        "base"
        if etree.QName(element.getparent()).localname == "trPr" and name in _BASE_TRPR
        else name
    )


def assert_schema_order(root: etree._Element, part: str) -> None:
    """Every element of a kind in ORDERS has its w: children in the schema's order."""
    checked = 0
    for element in root.iter(f"{{{W}}}*"):
        kind = etree.QName(element).localname
        order = ORDERS.get(kind)
        if order is None:
            continue
        children = [_name(c) for c in element if etree.QName(c).namespace == W]
        unknown = [c for c in children if c not in order]
        assert not unknown, f"{part}: <w:{kind}> has unexpected children {unknown}"
        positions = [order.index(c) for c in children]
        assert positions == sorted(positions), (
            f"{part}: <w:{kind}> children out of order: {children}"
        )
        checked += 1
    assert checked, f"{part}: nothing checked"
