#!/usr/bin/env bash
# Samples of inputs the analyzer misread when probed with damaged and unusual real-tool output (hostile/), beside
# make.sh and reusing its keys. hostile/MANIFEST.tsv lists every file, what it is and the command that made it
# ($B is the scratch folder). Needs openssl, gnupg, python3. Encrypted files change bytes on every run (random keys).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf hostile
mkdir -p hostile
printf 'file\tkind\tfacts\tcommand\n' > hostile/MANIFEST.tsv
export B=$(mktemp -d); trap 'rm -rf "$B"' EXIT
export GNUPGHOME="$B/gnupg"; mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --import keys/pgp/alice-rsa.sec.asc keys/pgp/bob-25519.sec.asc 2>/dev/null
ALICE=96BE88F7902DD7B32821F4700E00DA82C4B8438E; BOB=770E39AB9BCD503C1F859DB53EB6EE96E53E51DC
GPG="gpg --batch --yes --quiet --pinentry-mode loopback --passphrase '' --faked-system-time 20250115T120000! --trust-model always"
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> hostile/MANIFEST.tsv; }
run() { local file=$1 kind=$2 facts=$3 cmd=$4; bash -c "$cmd"; row "$file" "$kind" "$facts" "$cmd"; }
printf 'Hello Bob,\n\nthe contract draft is attached as agreed.\n\nAlice\n' > "$B/secret.txt"
python3 lib/mkmsg.py inner "$B/secret.txt" > "$B/inner.mime"
wrap() { # wrap ENTITYFILE OUT SUBJECT ID
  python3 lib/mkmsg.py wrap "$1" --from 'Alice Test <alice@example.test>' --to 'Bob Test <bob@example.test>' \
    --subject "$3" --date 'Wed, 15 Jan 2025 12:00:00 +0000' --msgid "<$4@example.test>" > "$2"
}
export -f wrap

# Byte 8 of the DER is inside the ContentInfo's OID (06 09 2A 86 48 ...): 1.2.840 becomes 1.2.841, no CMS content type.
run smime-content-type-damaged.eml cms-damaged "application/pkcs7-mime enveloped-data for bob (real openssl) with one byte of the ContentInfo OID changed: 1.2.841.113549.1.7.3" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -outform DER -out \$B/h1.der && python3 lib/hostile.py flip-byte \$B/h1.der 8 0x01 > \$B/h1.bad && python3 lib/mkmsg.py pkcs7-mime \$B/h1.bad enveloped-data > \$B/h1.part && wrap \$B/h1.part hostile/smime-content-type-damaged.eml 'S/MIME, content type damaged' hostile-h1"
# The armor keeps its BEGIN line and a few lines of base64, not a whole packet: nothing in it can be read.
run pgpmime-armor-cut-short.eml pgp-damaged "multipart/encrypted (pgp) whose armored data (real gpg, to alice RSA + bob cv25519) was cut after its 4th line" \
  "$GPG --armor --encrypt -r $ALICE -r $BOB -o \$B/h2.asc \$B/inner.mime && python3 lib/hostile.py cut-lines \$B/h2.asc 4 > \$B/h2.cut && python3 lib/mkmsg.py pgp-encrypted \$B/h2.cut > \$B/h2.mime && wrap \$B/h2.mime hostile/pgpmime-armor-cut-short.eml 'PGP/MIME, armor cut short' hostile-h2"
run pgp-inline-html-only.eml pgp-inline "text/html only, quoted-printable, the armor (real gpg, to alice RSA) one <div> per line as Outlook on the web sends pasted text" \
  "$GPG --armor --encrypt -r $ALICE -o \$B/h3.asc \$B/secret.txt && python3 lib/hostile.py owa-html \$B/h3.asc > \$B/h3.html && wrap \$B/h3.html hostile/pgp-inline-html-only.eml 'Inline PGP from webmail' hostile-h3"
run pgp-html-reply-quoting-armor.eml pgp-quoted "text/html only reply whose <blockquote class=gmail_quote> quotes an inline PGP message (real gpg, to alice RSA): the reply itself is not encrypted" \
  "$GPG --armor --encrypt -r $ALICE -o \$B/h6.asc \$B/secret.txt && python3 lib/hostile.py gmail-html-reply \$B/h6.asc > \$B/h6.html && wrap \$B/h6.html hostile/pgp-html-reply-quoting-armor.eml 'Re: Inline PGP from webmail' hostile-h6"
# openssl cms -outform PEM (and a .p7m saved that way): the DER armored as "-----BEGIN CMS-----", sent as 7bit text.
run smime-pem-armored.eml smime-enveloped "application/pkcs7-mime enveloped-data for bob (real openssl), body is the PEM armor openssl -outform PEM writes, Content-Transfer-Encoding 7bit" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -outform PEM -out \$B/h4.pem && { printf 'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\\nContent-Transfer-Encoding: 7bit\\nContent-Disposition: attachment; filename=\"smime.p7m\"\\n\\n'; cat \$B/h4.pem; } > \$B/h4.part && wrap \$B/h4.part hostile/smime-pem-armored.eml 'S/MIME, PEM armored' hostile-h4"
run smime-camellia.eml smime-enveloped "application/pkcs7-mime enveloped-data for bob (real openssl), content cipher Camellia-256-CBC (RFC 3657)" \
  "openssl cms -encrypt -in \$B/inner.mime -camellia-256-cbc -recip keys/smime/bob.crt -out \$B/h5.mime && wrap \$B/h5.mime hostile/smime-camellia.eml 'S/MIME, Camellia' hostile-h5"
run smime-below-depth-limit.eml smime-enveloped "application/pkcs7-mime enveloped-data for bob (real openssl) as the last part of 32 nested multipart/mixed levels, below the parser's depth limit of 30" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -outform DER -out \$B/h7.der && python3 lib/mkmsg.py pkcs7-mime \$B/h7.der enveloped-data > \$B/h7.part && python3 lib/hostile.py nest \$B/h7.part 32 > \$B/h7.mixed && wrap \$B/h7.mixed hostile/smime-below-depth-limit.eml 'S/MIME below the depth limit' hostile-h7"

# CMS EncryptedData (RFC 5652 8): the content key is agreed outside the message, so there are no recipients at all.
run smime-encrypted-data.eml smime-shared-key "application/pkcs7-mime CMS EncryptedData (real openssl cms -EncryptedData_encrypt, AES-256-CBC, key given on the command line): no recipient infos" \
  "openssl cms -EncryptedData_encrypt -in \$B/inner.mime -aes-256-cbc -secretkey 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F -out \$B/h8.mime && wrap \$B/h8.mime hostile/smime-encrypted-data.eml 'S/MIME, key shared in advance' hostile-h8"

########################################################################## transport (SYNTHETIC)
syn() { printf 'X-Corpus-Synthetic: yes; generated by make-hostile.sh, see hostile/MANIFEST.tsv (not a captured message)\n'; }
body() { printf 'From: Alice Sender <alice@sender.example>\nTo: Bob Receiver <bob@recipient.example>\nSubject: %s\nDate: Wed, 15 Jan 2025 12:00:00 +0000\nMessage-ID: <%s@sender.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\n\nHello Bob.\n' "$1" "$2"; }
{ syn
  printf 'Received: (qmail 28741 invoked by uid 89); 15 Jan 2025 12:00:06 -0000\n'
  printf 'Received: from unknown (HELO mail.sender.example) (198.51.100.40)\n  by mx.recipient.example with (DHE-RSA-AES256-GCM-SHA384 encrypted) SMTP; 15 Jan 2025 12:00:05 -0000\n'
  body 'qmail TLS' qmail-tls; } > hostile/received-qmail-tls.eml
row received-qmail-tls.eml transport-synthetic "qmail with the TLS patch: 'with (<cipher> encrypted) SMTP' for a TLS hop (the protocol word stays SMTP), and a local 'qmail <pid> invoked' line; header syntax as qmail writes it, hosts invented" "see make-hostile.sh (printf)"

########################################################################## relay look-alike (SYNTHETIC)
# A display name is typed by the sender: "[via Relay]" in one, with nothing else of Firefox Relay's output (no mozmail.com
# address, no Resent-From, no replies@ Reply-To), is a look-alike, not Relay.
{ syn
  printf 'From: "PayPal Service [via Relay]" <service@paypal-help.example>\nTo: Bob Receiver <bob@recipient.example>\nSubject: Your account\nDate: Wed, 15 Jan 2025 12:00:00 +0000\nMessage-ID: <lookalike@paypal-help.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\n\nHello Bob.\n'; } > hostile/relay-display-name-only.eml
row relay-display-name-only.eml relay-lookalike-synthetic "From display name ends in '[via Relay]' but the address, Resent-From and Reply-To are not Relay's; hosts invented" "see make-hostile.sh (printf)"

########################################################################## line endings (DERIVED)
# Classic Mac OS line endings: the committed real-openssl S/MIME sample with every line ending turned into CR alone.
tr -d '\r' < smime/enveloped-rsa-1recip-aes256cbc.eml | tr '\n' '\r' > hostile/smime-cr-line-endings.eml
row smime-cr-line-endings.eml smime-enveloped "smime/enveloped-rsa-1recip-aes256cbc.eml (real openssl, for bob) with every line ending turned into CR alone, as classic Mac OS wrote text" "tr -d '\\r' < smime/enveloped-rsa-1recip-aes256cbc.eml | tr '\\n' '\\r'"
