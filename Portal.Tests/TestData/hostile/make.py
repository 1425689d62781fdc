#!/usr/bin/env python3
"""Makes the hostile samples in this folder with Python's own codecs (run: python3 make.py).

utf7-subject-and-body.eml: an RFC 2047 encoded word in charset utf-7 (Q and B forms) and a text body in
charset=utf-7, both encoded by Python's utf-7 codec (RFC 2152). .NET no longer ships UTF-7 and used to throw
NotSupportedException on the charset name.
"""
import base64

subject = "Grüße aus Köln – 東京 ☃"
body = "Hallo Bob,\r\nder Preis ist 5 € + Versand (A+B).\r\n日本語のテキスト\r\n"

q_word = "=?utf-7?Q?" + subject.encode("utf-7").decode("ascii").replace("=", "=3D").replace("?", "=3F").replace(" ", "_") + "?="
b_word = "=?UTF-7?B?" + base64.b64encode("Ärger".encode("utf-7")).decode("ascii") + "?="

message = (
    "From: =?utf-7?Q?J+APw-rgen?= <juergen@example.test>\r\n"
    "To: Bob <bob@example.test>\r\n"
    f"Subject: {q_word} {b_word}\r\n"
    "Date: Wed, 15 Jan 2025 12:00:00 +0000\r\n"
    "Message-ID: <utf7@example.test>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-7\r\n"
    "Content-Transfer-Encoding: 7bit\r\n"
    "\r\n"
).encode("ascii") + body.encode("utf-7")

with open("utf7-subject-and-body.eml", "wb") as f:
    f.write(message)
