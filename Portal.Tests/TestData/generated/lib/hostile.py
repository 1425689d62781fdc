#!/usr/bin/env python3
"""Shapers for make-hostile.sh: what transmission damage and real clients do to otherwise real openssl/gpg output.

  flip-byte DERFILE OFFSET XOR   one byte of a DER file changed (a transmission error), written to stdout
  owa-html ARMORFILE             text/html entity (quoted-printable) with the armor one <div> per line, as Outlook on the
                                 web sends text pasted into its editor (HTML only, no text/plain alternative)
  cut-lines FILE N               the first N lines of FILE (a message cut short in transit)
"""
import quopri
import sys


def flip_byte(path, offset, xor):
    data = bytearray(open(path, "rb").read())
    data[int(offset)] ^= int(xor, 0)
    sys.stdout.buffer.write(bytes(data))


def owa_html(path):
    lines = open(path, encoding="ascii").read().replace("\r\n", "\n").rstrip("\n").split("\n")
    divs = "".join('<div style="font-family:Calibri,Arial,sans-serif;font-size:11pt">%s</div>\n'
                   % (line if line else "<br>") for line in lines)
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii"></head>\n'
            '<body dir="ltr">\n' + divs + "</body></html>\n")
    body = quopri.encodestring(html.encode("ascii")).decode("ascii").replace("\n", "\r\n")
    sys.stdout.buffer.write(('Content-Type: text/html; charset="us-ascii"\r\n'
                             "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body).encode("ascii"))


def cut_lines(path, count):
    lines = open(path, "rb").read().split(b"\n")
    sys.stdout.buffer.write(b"\n".join(lines[: int(count)]) + b"\n")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"flip-byte": flip_byte, "owa-html": owa_html, "cut-lines": cut_lines}[command](*args)
