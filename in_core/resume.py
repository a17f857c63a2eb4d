"""Text from a résumé upload: PDF (read with pypdf) or plain text. Only the text is kept."""

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .errors import InvalidInput
from .setup import MAX_RESUME_CHARS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def extract_text(data: bytes, filename: str = "") -> str:
    """The text of a résumé file; `InvalidInput` for a file that holds none or cannot be read."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("The résumé file is larger than 10 MB.")
    if data.startswith(b"%PDF") or filename.lower().endswith(".pdf"):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InvalidInput("The résumé PDF is password-protected; upload an unlocked copy.")
            pages = [page.extract_text() or "" for page in reader.pages]
        except (PdfReadError, ValueError, KeyError, OSError) as error:
            raise InvalidInput(f"Could not read the résumé PDF ({error}).") from None
        found = "\n".join(pages)
    else:
        try:
            found = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            found = data.decode("latin-1")
    found = "\n".join(line.rstrip() for line in found.replace("\r\n", "\n").split("\n")).strip()
    if not found:
        raise InvalidInput("No text was found in the résumé (a scanned PDF has none); paste it instead.")
    return found[:MAX_RESUME_CHARS]
