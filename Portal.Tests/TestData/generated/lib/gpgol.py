#!/usr/bin/env python3
"""Shapes RFC 3156 entities the way real senders deliver them.

default:           wrap a whole multipart/encrypted or multipart/signed entity as Outlook's GpgOL plug-in sends it:
                   multipart/mixed with Outlook's text part and the structure, base64, in an attachment named
                   GpgOL_MIME_structure.mime (the name GpgOL gives it; Kleopatra and GpgOL's own code list it).
--drop-last-part:  drop the last body part of the entity (a multipart/encrypted that lost its data part).
Reads FILE or stdin, writes the new entity to stdout.
"""
import base64, re, sys, textwrap

args = [a for a in sys.argv[1:] if not a.startswith("--")]
data = (open(args[0], "rb").read() if args else sys.stdin.buffer.read()).replace(b"\r\n", b"\n")

if "--drop-last-part" in sys.argv:
    boundary = re.search(rb'boundary="([^"]+)"', data).group(1)
    parts = data.split(b"\n--" + boundary)
    # parts: preamble, part1, ..., partN, "--\n" epilogue; keep everything but partN
    kept = parts[:-2] + [parts[-1]]
    sys.stdout.buffer.write(b"\n--".join([kept[0]] + [boundary + p for p in kept[1:]]))
    sys.exit(0)

b = "=_GpgOL_0001"
encoded = "\n".join(textwrap.wrap(base64.b64encode(data.replace(b"\n", b"\r\n")).decode(), 76))
sys.stdout.write(
    f'Content-Type: multipart/mixed; boundary="{b}"\n\n'
    f"--{b}\n"
    'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 7bit\n\n'
    "This message is protected with OpenPGP (GpgOL).\n"
    f"--{b}\n"
    'Content-Type: application/octet-stream; name="GpgOL_MIME_structure.mime"\n'
    "Content-Transfer-Encoding: base64\n"
    'Content-Disposition: attachment; filename="GpgOL_MIME_structure.mime"\n\n'
    f"{encoded}\n--{b}--\n")
