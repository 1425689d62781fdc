#!/usr/bin/python3
"""Makes the DKIM/ARC test messages with dkimpy (Debian: apt-get install python3-dkim python3-nacl openssl).

Run from this directory: ./make.py. Keys are made once (keys/ is committed; delete it for new keys);
zone.conf is dnsmasq configuration serving the public keys, read by the tests' DNS server.
Test keys only: the private keys are published here on purpose. Nothing is sent over the network.
"""
import base64, os, subprocess, dkim
from nacl.signing import SigningKey

os.chdir(os.path.dirname(os.path.abspath(__file__)))

def rsa_key(name):
    path = f"keys/{name}.pem"
    if not os.path.exists(path):
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path], check=True)
    der = subprocess.run(["openssl", "pkey", "-in", path, "-pubout", "-outform", "DER"], check=True, capture_output=True).stdout
    return open(path, "rb").read(), base64.b64encode(der).decode()

def ed25519_key(name):
    # dkimpy's ed25519 private key is the base64 of the 32-byte seed (RFC 8463 3.4), as its dknewkey writes it.
    path = f"keys/{name}.seed"
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(base64.b64encode(bytes(SigningKey.generate())))
    seed = open(path, "rb").read().strip()
    public = SigningKey(base64.b64decode(seed)).verify_key.encode()
    return seed, base64.b64encode(public).decode()

sender_rsa, sender_rsa_pub = rsa_key("example.test-rsa2026")
sender_ed, sender_ed_pub = ed25519_key("example.test-ed2026")
gone_rsa, _ = rsa_key("example.test-gone2024")
revoked_rsa, _ = rsa_key("example.test-old2023")
forwarder_rsa, forwarder_rsa_pub = rsa_key("forward.example.net-arc2026")

def txt(name, value):
    # dnsmasq: one TXT record of several strings, each at most 255 characters (RFC 6376 3.6.2.2).
    parts = [value[i:i + 250] for i in range(0, len(value), 250)]
    return f"txt-record={name}," + ",".join(f'"{p}"' for p in parts)

with open("zone.conf", "w") as zone:
    zone.write("# Served by the tests' dnsmasq; names under these domains that are not listed answer NXDOMAIN.\n")
    zone.write("local=/example.test/\nlocal=/forward.example.net/\n")
    zone.write(txt("rsa2026._domainkey.example.test", f"v=DKIM1; k=rsa; p={sender_rsa_pub}") + "\n")
    zone.write(txt("ed2026._domainkey.example.test", f"v=DKIM1; k=ed25519; p={sender_ed_pub}") + "\n")
    # gone2024 is not listed: NXDOMAIN. old2023 is revoked: an empty p= (RFC 6376 3.6.1).
    zone.write(txt("old2023._domainkey.example.test", "v=DKIM1; k=rsa; p=") + "\n")
    zone.write(txt("arc2026._domainkey.forward.example.net", f"v=DKIM1; k=rsa; p={forwarder_rsa_pub}") + "\n")

HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"content-type", b"mime-version"]

def message(subject, body, extra=b""):
    return (b"From: Alice Sender <alice@example.test>\r\n"
            b"To: Bob Reader <bob@example.org>\r\n"
            b"Subject: " + subject + b"\r\n"
            b"Date: Thu, 15 Jan 2026 10:00:00 +0000\r\n"
            b"Message-ID: <" + subject.replace(b" ", b"-").lower() + b"@example.test>\r\n"
            b"MIME-Version: 1.0\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n" + extra +
            b"\r\n" + body)

BODY = b"Hello Bob,\r\n\r\nthe invoice for January is attached to our portal.\r\n\r\nAlice\r\n"

def sign(msg, selector, key, algorithm=b"rsa-sha256", length=False):
    return dkim.sign(msg, selector, b"example.test", key, canonicalize=(b"relaxed", b"relaxed"),
                     signature_algorithm=algorithm, include_headers=HEADERS, length=length) + msg

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

rsa = sign(message(b"DKIM pass rsa-sha256", BODY), b"rsa2026", sender_rsa)
write("pass-rsa-sha256.eml", rsa)
write("pass-ed25519-sha256.eml", sign(message(b"DKIM pass ed25519-sha256", BODY), b"ed2026", sender_ed, b"ed25519-sha256"))
write("body-changed.eml", rsa.replace(b"January", b"February"))
write("header-changed.eml", rsa.replace(b"Subject: DKIM pass rsa-sha256", b"Subject: DKIM pass rsa-sha256 (urgent)"))
write("key-missing.eml", sign(message(b"DKIM key missing", BODY), b"gone2024", gone_rsa))
write("key-revoked.eml", sign(message(b"DKIM key revoked", BODY), b"old2023", revoked_rsa))
limited = sign(message(b"DKIM body length limit", BODY), b"rsa2026", sender_rsa, length=True)
write("body-length-appended.eml", limited + b"\r\nP.S. Please pay to the new account IBAN XX00 0000 0000 at http://pay.example.invalid/\r\n")

# A forwarding relay receives the signed message, records dkim=pass, changes it (subject tag, footer),
# and seals what it saw with ARC before passing it on: the original signature breaks, the seal explains why.
original = sign(message(b"Forwarded through a relay", BODY), b"rsa2026", sender_rsa)
assert dkim.verify(original, dnsfunc=lambda name, timeout=5: f"v=DKIM1; k=rsa; p={sender_rsa_pub}".encode())
received = (b"Authentication-Results: forward.example.net; dkim=pass header.d=example.test header.s=rsa2026; spf=pass smtp.mailfrom=example.test\r\n"
            + original)
changed = received.replace(b"Subject: Forwarded through a relay", b"Subject: [fwd] Forwarded through a relay") \
    + b"\r\n-- \r\nForwarded by forward.example.net\r\n"
seal = dkim.arc_sign(changed, b"arc2026", b"forward.example.net", forwarder_rsa, b"forward.example.net",
                     include_headers=HEADERS)
write("arc-forwarded-dkim-broken.eml", b"".join(seal) + changed)
