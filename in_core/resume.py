"""Text from a résumé upload: PDF (read with pypdf) or plain text. Only the text is kept."""

import codecs
import io

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .errors import InvalidInput
from .setup import MAX_RESUME_CHARS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PAGES = 40  # no résumé is longer; a bigger file is not read past this


def extract_text(data: bytes, filename: str = "") -> str:
    """The text of a résumé file; `InvalidInput` for one that holds no text, cannot be read,
    or is longer than the résumé limit."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("The résumé file is larger than 10 MB.")
    if data.startswith(b"%PDF") or filename.lower().endswith(".pdf"):
        found = _pdf_text(data)
    else:
        found = _decoded(data)
    found = "\n".join(line.rstrip() for line in found.replace("\r\n", "\n").split("\n")).strip()
    if not found:
        raise InvalidInput("No text was found in the résumé (a scanned PDF has none); paste it instead.")
    if len(found) > MAX_RESUME_CHARS:
        raise InvalidInput(f"The résumé has {len(found):,} characters; the limit is "
                           f"{MAX_RESUME_CHARS:,}. Upload a shorter one or paste the part that matters.")
    return found


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone is fine
            raise InvalidInput("The résumé PDF is password-protected; upload an unlocked copy.")
        pages, length = [], 0
        for page in reader.pages[:MAX_PAGES]:
            pages.append(page.extract_text() or "")
            length += len(pages[-1])
            if length > MAX_RESUME_CHARS:
                break
        return "\n".join(pages)
    except InvalidInput:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise InvalidInput(f"Could not read the résumé PDF ({type(error).__name__}); paste its "
                           "text instead.") from None


def _decoded(data: bytes) -> str:
    """Text in UTF-8, UTF-16 (with its byte-order mark) or Windows-1252; binary is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    odd = sum(not (ch.isprintable() or ch in "\n\r\t") or ch == "\ufffd" for ch in text)
    if text and odd > len(text) * 0.05:
        raise InvalidInput("The résumé file does not look like text; upload a PDF or a .txt file.")
    return text
