"""QR codes as SVG data URIs (segno): vector, inside the page or the PDF, no request."""


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
