#!/usr/bin/env python3
"""Puts real protected content where support mail really has it, writing a MIME entity to stdout:
attach-message EML   multipart/mixed: a readable note + the message forwarded as an attachment (message/rfc822)
beside-text PART     multipart/mixed: readable text + the protected MIME part beside it
quote FILE           text/plain list digest that quotes FILE ("> " before every line)
"""
import sys

cmd, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read().decode("utf-8").replace("\r\n", "\n")
b = "=_layout_0001"
if cmd == "attach-message":
    out = (f'Content-Type: multipart/mixed; boundary="{b}"\n\n--{b}\n'
           'Content-Type: text/plain; charset="utf-8"\n\nFYI, forwarding the encrypted message I received; I cannot open it either.\n'
           f'--{b}\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="original.eml"\n\n'
           f"{data.rstrip(chr(10))}\n--{b}--\n")
elif cmd == "beside-text":
    out = (f'Content-Type: multipart/mixed; boundary="{b}"\n\n--{b}\n'
           'Content-Type: text/plain; charset="utf-8"\n\nHello Bob, the contract is attached, encrypted for you. Call me at +1 555 0100.\n'
           f"--{b}\n{data.rstrip(chr(10))}\n--{b}--\n")
elif cmd == "quote":
    quoted = "\n".join("> " + line if line else ">" for line in data.rstrip("\n").split("\n"))
    out = ('Content-Type: text/plain; charset="utf-8"\n\n'
           "Today's Topics:\n\n   1. Re: contract draft (Bob PGP)\n\n"
           "----------------------------------------------------------------------\n\n"
           "Message: 1\nFrom: Bob PGP <bob-pgp@example.test>\nSubject: Re: contract draft\n\n"
           f"Alice wrote:\n{quoted}\n\nLooks good to me.\n")
else:
    sys.exit("unknown command " + cmd)
sys.stdout.write(out)
