#!/usr/bin/env bash
# Samples for issue 15 ("the analyzer on real support work"), beside make.sh and reusing its keys:
#   realworld/relay/     relay mail in both directions for every catalog service (synthetic, lib/relaydirections.py)
#   realworld/crypto/    GpgOL, damaged crypto, protection inside an attachment or quotation, fragments, made with gpg/openssl
#   realworld/transport/ TLS naming and private hops (synthetic Received chains)
#   realworld/lists/     a gpg-signed message after a real mailman-style footer and subject tag were added
# realworld/MANIFEST.tsv lists every file, what it is and the command that made it. Needs openssl, gnupg, python3.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf realworld
mkdir -p realworld/relay
printf 'file\tkind\tfacts\tcommand\n' > realworld/MANIFEST.tsv
python3 lib/relaydirections.py realworld/relay realworld/MANIFEST.tsv

########################################################################## crypto samples with the keys of make.sh
mkdir -p realworld/crypto
export B=$(mktemp -d); trap 'rm -rf "$B"' EXIT
export GNUPGHOME="$B/gnupg"; mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --import keys/pgp/alice-rsa.sec.asc keys/pgp/bob-25519.sec.asc 2>/dev/null
ALICE=96BE88F7902DD7B32821F4700E00DA82C4B8438E; BOB=770E39AB9BCD503C1F859DB53EB6EE96E53E51DC
GPG="gpg --batch --yes --quiet --pinentry-mode loopback --passphrase '' --faked-system-time 20250115T120000! --trust-model always"
# Commands are recorded with $B (the scratch folder) unexpanded.
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> realworld/MANIFEST.tsv; }
run() { local file=$1 kind=$2 facts=$3 cmd=$4; bash -c "$cmd"; row "$file" "$kind" "$facts" "$cmd"; }
printf 'Hello Bob,\n\nthe contract draft is attached as agreed.\n\nAlice\n' > "$B/secret.txt"
python3 lib/mkmsg.py inner "$B/secret.txt" > "$B/inner.mime"

# A saved .p7m attachment: what openssl writes is a bare MIME part (no From, Date, Message-ID).
run crypto/fragment-saved-p7m.eml fragment "bare application/pkcs7-mime part, 1 RSA recipient (bob); no From/Date/Message-ID" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -out realworld/crypto/fragment-saved-p7m.eml"
# A signed body saved without the message around it.
run crypto/fragment-signed-part.eml fragment "bare multipart/signed part (alice, S/MIME detached); no From/Date/Message-ID" \
  "faketime '2025-01-15 12:00:00' openssl cms -sign -in \$B/inner.mime -signer keys/smime/alice.crt -inkey keys/smime/alice.key -md sha256 -out realworld/crypto/fragment-signed-part.eml"

wrap() { # wrap ENTITYFILE OUT SUBJECT ID [extra mkmsg args]
  local entity=$1 out=$2 subject=$3 id=$4; shift 4
  python3 lib/mkmsg.py wrap "$entity" --from 'Alice PGP <alice-pgp@example.test>' --to 'Bob PGP <bob-pgp@example.test>' \
    --subject "$subject" --date 'Wed, 15 Jan 2025 12:00:00 +0000' --msgid "<$id@example.test>" "$@" > "$out"
}
export -f wrap

# Outlook GpgOL: the whole RFC 3156 structure travels base64-encoded in an attachment named GpgOL_MIME_structure.mime
# (name from gpg4win's GpgOL and Kleopatra's list of GpgOL file names), beside a text part Outlook writes.
run crypto/gpgol-encrypted.eml gpgol "GpgOL_MIME_structure.mime holding multipart/encrypted to alice RSA + bob cv25519 (real gpg output)" \
  "$GPG --armor --encrypt -r $ALICE -r $BOB -o \$B/g1.asc \$B/inner.mime && python3 lib/mkmsg.py pgp-encrypted \$B/g1.asc > \$B/g1.mime && python3 lib/gpgol.py \$B/g1.mime > \$B/g1.mixed && wrap \$B/g1.mixed realworld/crypto/gpgol-encrypted.eml 'GpgOL encrypted' gpgol-e1"
run crypto/gpgol-signed.eml gpgol "GpgOL_MIME_structure.mime holding multipart/signed by bob Ed25519 (real gpg detached signature)" \
  "python3 lib/mkmsg.py canon --strip-final-crlf \$B/inner.mime > \$B/g2.part && $GPG --armor --detach-sign --digest-algo SHA256 -u $BOB -o \$B/g2.sig \$B/g2.part && python3 lib/mkmsg.py pgp-signed \$B/g2.part \$B/g2.sig pgp-sha256 > \$B/g2.mime && python3 lib/gpgol.py \$B/g2.mime > \$B/g2.mixed && wrap \$B/g2.mixed realworld/crypto/gpgol-signed.eml 'GpgOL signed' gpgol-s1"

# Declared but broken: what the sender's software claimed, with the part that makes it work missing or unreadable.
run crypto/broken-encrypted-no-data-part.eml broken "multipart/encrypted (pgp) with only the version part; the data part was dropped" \
  "$GPG --armor --encrypt -r $BOB -o \$B/b1.asc \$B/inner.mime && python3 lib/mkmsg.py pgp-encrypted \$B/b1.asc | python3 lib/gpgol.py --drop-last-part > \$B/b1.mime && wrap \$B/b1.mime realworld/crypto/broken-encrypted-no-data-part.eml 'Encrypted, data part missing' broken-b1"
run crypto/broken-signed-no-protocol.eml broken "multipart/signed with a real gpg signature but no protocol parameter" \
  "python3 lib/mkmsg.py canon --strip-final-crlf \$B/inner.mime > \$B/b2.part && $GPG --armor --detach-sign -u $BOB -o \$B/b2.sig \$B/b2.part && python3 lib/mkmsg.py pgp-signed \$B/b2.part \$B/b2.sig pgp-sha256 | sed '2d' > \$B/b2.mime && wrap \$B/b2.mime realworld/crypto/broken-signed-no-protocol.eml 'Signed, protocol missing' broken-b2"
run crypto/broken-signed-unknown-type.eml broken "multipart/signed whose protocol and signature part are application/x-unknown-signature" \
  "python3 lib/mkmsg.py canon --strip-final-crlf \$B/inner.mime > \$B/b3.part && $GPG --armor --detach-sign -u $BOB -o \$B/b3.sig \$B/b3.part && python3 lib/mkmsg.py pgp-signed \$B/b3.part \$B/b3.sig pgp-sha256 | sed 's/application\\/pgp-signature/application\\/x-unknown-signature/' > \$B/b3.mime && wrap \$B/b3.mime realworld/crypto/broken-signed-unknown-type.eml 'Signed, unknown signature type' broken-b3"
run crypto/broken-smime-truncated-cms.eml broken "application/pkcs7-mime enveloped-data cut to its first 4 base64 lines (real openssl output)" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -out \$B/b4.p7m && awk 'NR<=10' \$B/b4.p7m > \$B/b4.mime && wrap \$B/b4.mime realworld/crypto/broken-smime-truncated-cms.eml 'S/MIME, CMS cut short' broken-b4"

# Where the protection sits: a forwarded encrypted message, an encrypted part beside readable text, a quoted signature.
run crypto/encrypted-forwarded-as-attachment.eml placement "multipart/mixed: note + message/rfc822 whose body is S/MIME enveloped-data for bob (real openssl)" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -out \$B/l1.p7m && python3 lib/mkmsg.py wrap \$B/l1.p7m --from 'Alice Test <alice@example.test>' --to 'Bob Test <bob@example.test>' --subject 'Contract (encrypted)' --date 'Wed, 15 Jan 2025 11:00:00 +0000' --msgid '<layout-inner@example.test>' > \$B/l1.eml && python3 lib/layout.py attach-message \$B/l1.eml > \$B/l1.mixed && wrap \$B/l1.mixed realworld/crypto/encrypted-forwarded-as-attachment.eml 'Fwd: Contract (encrypted)' layout-l1"
run crypto/encrypted-part-beside-text.eml placement "multipart/mixed: readable text/plain + application/pkcs7-mime smime.p7m for bob (real openssl)" \
  "openssl cms -encrypt -in \$B/inner.mime -aes-256-cbc -recip keys/smime/bob.crt -outform DER -out \$B/l2.der && python3 lib/mkmsg.py pkcs7-mime \$B/l2.der enveloped-data > \$B/l2.part && python3 lib/layout.py beside-text \$B/l2.part > \$B/l2.mixed && wrap \$B/l2.mixed realworld/crypto/encrypted-part-beside-text.eml 'Contract attached' layout-l2"
run crypto/clearsigned-quoted-in-digest.eml placement "text/plain digest quoting a real gpg --clearsign message by alice with '> '" \
  "$GPG --clearsign -u $ALICE -o \$B/l3.asc \$B/secret.txt && python3 lib/layout.py quote \$B/l3.asc > \$B/l3.txt && wrap \$B/l3.txt realworld/crypto/clearsigned-quoted-in-digest.eml 'Digest, Vol 12, Issue 3' layout-l3"

########################################################################## transport: TLS names and private hops (SYNTHETIC)
mkdir -p realworld/transport
syn() { printf 'X-Corpus-Synthetic: yes; generated by make-realworld.sh, see realworld/MANIFEST.tsv (not a captured message)\n'; }
body() { printf 'From: Alice Sender <alice@sender.example>\nTo: Bob Receiver <bob@recipient.example>\nSubject: %s\nDate: Wed, 15 Jan 2025 12:00:00 +0000\nMessage-ID: <%s@sender.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\n\nHello Bob.\n' "$1" "$2"; }
{ syn
  printf 'Received: from gw.sender.example (gw.sender.example [198.51.100.70])\n\tby mx.recipient.example (8.15.2/8.15.2) with ESMTPS id 50FC09aB012345\n\t(version=TLSv1/SSLv3 cipher=AES256-GCM-SHA384 bits=256 verify=NO)\n\tfor <bob@recipient.example>; Wed, 15 Jan 2025 12:00:09 GMT\n'
  printf 'Received: from mail.sender.example (198.51.100.40) by AM0PR01MB1234.eurprd01.prod.outlook.com\n (2603:10a6:208:1::12) with Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8356.10; Wed, 15 Jan 2025 12:00:05 +0000\n'
  body 'TLS names' tls-names; } > realworld/transport/tls-family-and-exchange-names.eml
row transport/tls-family-and-exchange-names.eml transport-synthetic "sendmail version=TLSv1/SSLv3 (cipher family) with AES256-GCM-SHA384 (TLS 1.2 only); Exchange version=TLS1_2; header syntax as sendmail and Exchange write it, hosts invented" "see make-realworld.sh (printf)"
{ syn
  printf 'Received: from mx-out.sender.example (mx-out.sender.example [198.51.100.25])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\tby mx.recipient.example (Postfix) with ESMTPS id 4YD9aa0FZ1z9t4\n\tfor <bob@recipient.example>; Wed, 15 Jan 2025 12:00:05 +0000 (UTC)\n'
  printf 'Received: from app01.internal.sender.example (app01.internal.sender.example [10.20.30.40])\n\tby mx-out.sender.example (Postfix) with ESMTP id 4YD9Z1abcdz1\n\tfor <bob@recipient.example>; Wed, 15 Jan 2025 12:00:03 +0000 (UTC)\n'
  printf 'Received: from web02.internal.sender.example (web02.internal.sender.example [IPv6:fd12:3456:789a::25])\n\tby app01.internal.sender.example (Postfix) with ESMTP id 4YD9Z0aaaaz1\n\tfor <bob@recipient.example>; Wed, 15 Jan 2025 12:00:02 +0000 (UTC)\n'
  body 'Internal hops' internal-hops; } > realworld/transport/private-hops-inside-sender.eml
row transport/private-hops-inside-sender.eml transport-synthetic "two ESMTP hops without TLS from 10.20.30.40 and fd12:3456:789a::25 inside the sender's network, then TLS 1.3 across the Internet; Postfix syntax, hosts invented" "see make-realworld.sh (printf)"

########################################################################## mailing lists and authentication results
mkdir -p realworld/lists realworld/auth
run lists/smime-signed-mailman-footer.eml list "real openssl S/MIME detached signature (alice), then Mailman 2's default footer appended to the signed text part, subject prefix and list headers; the signature no longer verifies" \
  "faketime '2025-01-15 12:00:00' openssl cms -sign -in \$B/inner.mime -signer keys/smime/alice.crt -inkey keys/smime/alice.key -md sha256 -out \$B/m1.mime && python3 lib/mkmsg.py wrap \$B/m1.mime --from 'Alice Test <alice@example.test>' --to 'Support-l <support-l@lists.example.org>' --subject 'Contract draft' --date 'Wed, 15 Jan 2025 12:00:00 +0000' --msgid '<list-m1@example.test>' > \$B/m1.eml && python3 lib/mailmanfooter.py \$B/m1.eml > realworld/lists/smime-signed-mailman-footer.eml"
{ syn
  printf 'Authentication-Results: mx.recipient.example;\n\tdkim=pass header.d=sender.example header.s=s1;\n\tspf=pass smtp.mailfrom=sender.example\n'
  printf 'Received-SPF: pass (mx.recipient.example: domain of alice@sender.example designates 198.51.100.25 as permitted sender) client-ip=198.51.100.25; envelope-from=alice@sender.example; receiver=mx.recipient.example;\n'
  printf 'Received: from mx-out.sender.example (mx-out.sender.example [198.51.100.25])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\tby mx.recipient.example (Postfix) with ESMTPS id 4YD9aa0FZ1z9t4\n\tfor <bob@recipient.example>; Wed, 15 Jan 2025 12:00:05 +0000 (UTC)\n'
  printf 'Authentication-Results: relay.elsewhere.example; dkim=fail header.d=sender.example; dmarc=fail header.from=sender.example\n'
  printf 'X-MS-Exchange-Authentication-Results: spf=pass (sender IP is 198.51.100.25)\n smtp.mailfrom=sender.example; dkim=pass (signature was verified)\n header.d=sender.example;dmarc=pass action=none header.from=sender.example;compauth=pass reason=100\n'
  body 'Results from several systems' auth-several; } > realworld/auth/results-from-several-systems.eml
row auth/results-from-several-systems.eml auth-synthetic "Authentication-Results and Received-SPF by the receiver mx.recipient.example (pass), an Authentication-Results by relay.elsewhere.example (dkim/dmarc fail) and an X-MS-Exchange-Authentication-Results that came with the message; RFC 8601/7208 syntax, hosts invented" "see make-realworld.sh (printf)"
