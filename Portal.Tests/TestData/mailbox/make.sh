#!/bin/sh
# Mailboxes for the batch tests, written by real mbox writers from the generated corpus (run from this folder):
#   generated-corpus.mbox  every message of ../generated (sorted by path), by Python's mailbox module (mboxo:
#                          "From MAILER-DAEMON <date>" separators, body lines starting with "From " quoted as ">From ")
#   formail.mbox           three of them, each through formail (procmail package) as a mail filter would file them
#   quoted-from.eml/.mbox  a message whose body has lines starting with "From " and ">From ", filed by Python's mailbox
# Needs python3 and formail (apt-get install procmail).
set -eu
python3 - <<'PY'
import glob, mailbox, os
files = sorted(f for f in glob.glob('../generated/**/*.eml', recursive=True) if '/keys/' not in f)
for name in ('generated-corpus.mbox', 'quoted-from.mbox'):
    if os.path.exists(name):
        os.remove(name)
box = mailbox.mbox('generated-corpus.mbox')
for f in files:
    with open(f, 'rb') as m:
        box.add(m.read())
box.flush(); box.close()
box = mailbox.mbox('quoted-from.mbox')
with open('quoted-from.eml', 'rb') as m:
    box.add(m.read())
box.flush(); box.close()
PY
: > formail.mbox
for f in ../generated/relay/firefox-relay.eml ../generated/smime/enveloped-rsa-1recip-aes256cbc.eml ../generated/pgp/pgpmime-signed-ed25519.eml; do
    formail < "$f" >> formail.mbox
done
