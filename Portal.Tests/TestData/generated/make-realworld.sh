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
