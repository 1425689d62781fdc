#!/usr/bin/env python3
"""Shapers for make-hostile.sh: what transmission damage and real clients do to otherwise real openssl/gpg output.

  flip-byte DERFILE OFFSET XOR   one byte of a DER file changed (a transmission error), written to stdout
  owa-html ARMORFILE             text/html entity (quoted-printable) with the armor one <div> per line, as Outlook on the
                                 web sends text pasted into its editor (HTML only, no text/plain alternative)
  cut-lines FILE N               the first N lines of FILE (a message cut short in transit)
  nest ENTITYFILE N              ENTITYFILE as the second part of N nested multipart/mixed levels (deeper than a parser
                                 goes), each with a short text part first
  gmail-html-reply ARMORFILE     text/html reply (quoted-printable) quoting a message whose body was the armor, in Gmail's
                                 <div class="gmail_quote"><blockquote class="gmail_quote"> markup
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


def nest(path, count):
    entity = open(path, "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    for level in reversed(range(int(count))):
        b = b"nest-%d" % level
        entity = (b'Content-Type: multipart/mixed; boundary="' + b + b'"\r\n\r\n--' + b
                  + b"\r\nContent-Type: text/plain\r\n\r\nlevel %d\r\n--" % level + b + b"\r\n"
                  + entity + b"\r\n--" + b + b"--\r\n")
    sys.stdout.buffer.write(entity)


def gmail_html_reply(path):
    lines = open(path, encoding="ascii").read().replace("\r\n", "\n").rstrip("\n").split("\n")
    quoted = "<br>\n".join(lines)
    html = ('<div dir="ltr">Thanks, I could not open this one. Could you send it again?</div><br>\n'
            '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Wed, 15 Jan 2025 at 12:00, Alice Test '
            '&lt;alice@example.test&gt; wrote:<br></div>\n'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);'
            'padding-left:1ex">' + quoted + "<br>\n</blockquote></div>\n")
    body = quopri.encodestring(html.encode("ascii")).decode("ascii").replace("\n", "\r\n")
    sys.stdout.buffer.write(('Content-Type: text/html; charset="UTF-8"\r\n'
                             "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body).encode("ascii"))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"flip-byte": flip_byte, "owa-html": owa_html, "cut-lines": cut_lines,
     "gmail-html-reply": gmail_html_reply, "nest": nest}[command](*args)
