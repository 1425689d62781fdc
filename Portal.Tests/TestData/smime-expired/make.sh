#!/usr/bin/env bash
# An S/MIME message signed by a certificate that has since expired: the signature is sound, the certificate
# is out of date. Signed with OpenSSL at a time inside the certificate's validity (faketime), issued by the
# generated corpus's test CA (../generated/keys/smime). Needs openssl 3.x, faketime, python3.
# Test keys only. Run from anywhere: ./make.sh
set -euo pipefail
export LC_ALL=C TZ=UTC
cd "$(dirname "${BASH_SOURCE[0]}")"
S=../generated/keys/smime
B=$(mktemp -d)
trap 'rm -rf "$B"' EXIT

if [ ! -f erin.crt ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out erin.key
  openssl req -new -key erin.key -subj "/C=XX/O=Email Corpus Test/CN=Erin Test/emailAddress=erin@example.test" -out "$B/erin.csr"
  # Valid for one year from 2020-01-01: long expired today.
  faketime '2020-01-01 00:00:00' openssl x509 -req -in "$B/erin.csr" -CA $S/ca-rsa.crt -CAkey $S/ca-rsa.key \
    -set_serial 0x1005 -days 366 -sha256 -extfile $S/ext.cnf -extensions rsa_user -out erin.crt
fi
printf 'Signed in June 2020, while the certificate was valid.\n' > "$B/secret.txt"
python3 ../generated/lib/mkmsg.py inner "$B/secret.txt" > "$B/inner.mime"
faketime '2020-06-01 12:00:00' openssl cms -sign -in "$B/inner.mime" -signer erin.crt -inkey erin.key \
  -certfile $S/ca-rsa.crt -md sha256 -out "$B/signed.mime"
python3 ../generated/lib/mkmsg.py wrap "$B/signed.mime" --from 'Erin Test <erin@example.test>' --to 'Bob Test <bob@example.test>' \
  --subject 'S/MIME signed by a certificate that has expired since' --date 'Mon, 01 Jun 2020 12:00:00 +0000' \
  --msgid '<smime-expired@example.test>' > signed-detached-expired-signer.eml
# The signature itself must verify (signature only: the certificate is expired on purpose).
openssl cms -verify -noverify -in signed-detached-expired-signer.eml -out /dev/null
