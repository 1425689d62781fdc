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

# Received notations of further MTAs and providers (probe of real-world header syntax). Each line keeps the notation as
# the named software writes it; hosts, addresses, ids and dates are invented. rcv prints one folded Received field.
rcv() { printf 'Received: %s\n' "$1"; shift; for l in "$@"; do printf '\t%s\n' "$l"; done; }
{ syn
  rcv 'from mail.relay.example (mail.relay.example [198.51.100.20])' '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)' ' key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)' '(No client certificate requested)' 'by mx.recipient.example (Postfix) with ESMTPS id 4Yd2Kx1Q7Fz9sT' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:09 +0000 (UTC)'
  rcv 'from smtp.sender.example (smtp.sender.example [198.51.100.21])' '(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))' '(Client did not present a certificate)' 'by mail.relay.example (Postfix) with ESMTPS id 7F2A3C0123' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:07 +0000 (UTC)'
  rcv 'from [192.0.2.55] (unknown [203.0.113.7])' '(Authenticated sender: alice@sender.example)' 'by smtp.sender.example (Postfix) with ESMTPSA id 3B1C2D0456' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:05 +0000 (UTC)'
  body 'Postfix TLS notations' postfix-notations; } > hostile/received-postfix-notations.eml
row received-postfix-notations.eml transport-synthetic "Postfix 3.x with smtpd_tls_received_header=yes: '(using TLSv1.3 with cipher ... key-exchange ... server-digest ...)' + '(No client certificate requested)', TLSv1.2 + '(Client did not present a certificate)', and a submission hop 'with ESMTPSA' + '(Authenticated sender: ...)'; header syntax from Postfix smtpd.c/smtpd_tls_received_header documentation, hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from mx.recipient.example ([192.0.2.30])' 'by mail.recipient.example with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384' '(Exim 4.97)' '(envelope-from <alice@sender.example>)' 'id 1tY3bC-0004Zx-2k' 'for bob@recipient.example; Wed, 15 Jan 2025 12:00:09 +0000'
  rcv 'from smtp.sender.example ([198.51.100.22] helo=smtp.sender.example)' 'by mx.recipient.example with esmtps  (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256)' '(Exim 4.89)' '(envelope-from <alice@sender.example>)' 'id 1tY3bB-0002Qm-1a' 'for bob@recipient.example; Wed, 15 Jan 2025 12:00:07 +0000'
  rcv 'from [203.0.113.8] (helo=[192.168.1.20])' 'by smtp.sender.example with essmtpa (TLS1.3) tls TLS_AES_128_GCM_SHA256' '(Exim 4.98)' '(envelope-from <alice@sender.example>)' 'id 1tY3bA-0001Ab-0c; Wed, 15 Jan 2025 12:00:05 +0000'
  rcv 'from [203.0.113.15] (helo=localhost)' 'by smtp.sender.example with utf8esmtpsa ' '(Cipher TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256) (Exim)' 'id 1tY3b9-0000Zz-9q; Wed, 15 Jan 2025 12:00:04 +0000'
  body 'Exim TLS notations' exim-notations; } > hostile/received-exim-notations.eml
row received-exim-notations.eml transport-synthetic "Exim default received_header_text: 'with esmtps (TLS1.3) tls <cipher>', the older GnuTLS '(TLS1.2:<cipher>:<bits>)', the tls-on-connect protocol word 'essmtpa', and SMTPUTF8's 'utf8' prefix ('utf8esmtpsa') with a configuration's '(Cipher TLS1.3:<cipher>:<bits>)'; header syntax from Exim src/smtp_in.c (protocols table, utf8 prefix), the received_header_text default and published headers, hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from gw.sender.example (gw.sender.example [198.51.100.23])' 'by mx.recipient.example (8.17.1/8.17.1) with ESMTPS id 50FC0Aaa012345' '(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:07 GMT'
  rcv 'from sender.example (localhost [127.0.0.1])' 'by gw.sender.example (8.17.1/8.17.1/Submit) with ESMTP id 50FC09aa011111' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:05 GMT'
  body 'Sendmail TLS 1.3' sendmail-tls13; } > hostile/received-sendmail-tls13.eml
row received-sendmail-tls13.eml transport-synthetic "Sendmail 8.17 with ESMTPS and '(version=TLSv1.3 cipher=... bits=256 verify=NOT)', and a loopback submission 'with ESMTP'; header syntax from sendmail's cf/m4/proto.m4 Received template, hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from EXMBX02.corp.recipient.example (10.20.1.12) by EXMBX01.corp.recipient.example' ' (10.20.1.11) with Microsoft SMTP Server (TLS) id 15.0.1497.48; Wed, 15 Jan' ' 2025 12:00:09 +0000'
  rcv 'from EXEDGE01.corp.recipient.example (198.51.100.40) by EXMBX02.corp.recipient.example' ' (10.20.1.12) with Microsoft SMTP Server (TLS) id 14.3.408.0; Wed, 15 Jan 2025' ' 12:00:08 +0000'
  rcv 'from EXMBX01.corp.recipient.example ([::1]) by EXMBX01.corp.recipient.example ([::1]) with mapi' ' id 15.00.1497.048; Wed, 15 Jan 2025 12:00:07 +0000'
  body 'Exchange on-premises TLS' exchange-onprem-tls; } > hostile/received-exchange-onprem-tls.eml
row received-exchange-onprem-tls.eml transport-synthetic "Exchange Server 2010/2013/2016 on premises: 'with Microsoft SMTP Server (TLS) id 14.x/15.0.x' (TLS without version or cipher) and a 'with mapi id' store hop; header syntax as Exchange writes it (seen in public list archives), hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'by 2002:a05:6a10:b1c3:b0:5a2:8f3e:1d2b with SMTP id t3csp1234567pxc;' 'Wed, 15 Jan 2025 04:00:09 -0800 (PST)'
  rcv 'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])' 'by mx.google.com with SMTPS id a640c23a62f3a-aab1234567sor1234567.1.2025.01.15.04.00.08' 'for <bob@gmail.com>' '(Google Transport Security);' 'Wed, 15 Jan 2025 04:00:08 -0800 (PST)'
  rcv 'from [192.168.1.20] ([203.0.113.9])' 'by smtp.gmail.com with ESMTPSA id 5b1f17b1804b1-4361234567esm1234567f8f.1.2025.01.15.04.00.06' 'for <bob@gmail.com>' '(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);' 'Wed, 15 Jan 2025 04:00:06 -0800 (PST)'
  body 'Gmail to Gmail' gmail-smtps; } > hostile/received-gmail-smtps.eml
row received-gmail-smtps.eml transport-synthetic "Gmail to Gmail: 'by mx.google.com with SMTPS id ... (Google Transport Security)', submission 'with ESMTPSA ... (version=TLS1_3 cipher=... bits=256/256)', an internal 'by 2002:a05:...' hop; header syntax as Gmail writes it (seen in public list archives), ids and hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'by mx.zohomail.com with SMTPS id 1736942408123456.7890123456789;' 'Wed, 15 Jan 2025 04:00:08 -0800 (PST)'
  body 'Zoho submission' zoho-smtps; } > hostile/received-zoho-smtps.eml
row received-zoho-smtps.eml transport-synthetic "Zoho Mail submission 'Received: by mx.zohomail.com with SMTPS id <n>.<n>;'; header syntax as Zoho writes it (seen in public list archives), id invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from mail.sender.example (mail.sender.example [198.51.100.24])' 'by mx.recipient.example (OpenSMTPD) with ESMTPS id 1a2b3c4d (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO)' 'for <bob@recipient.example>;' 'Wed, 15 Jan 2025 12:00:09 +0000 (UTC)'
  rcv 'from relay.sender.example (relay.sender.example [198.51.100.25])' 'by mail.sender.example (OpenSMTPD) with SMTPS id 5e6f7a8b (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256:NO)' 'for <bob@recipient.example>;' 'Wed, 15 Jan 2025 12:00:07 +0000 (UTC)'
  rcv 'from laptop.sender.example (laptop.sender.example [203.0.113.10])' 'by relay.sender.example (OpenSMTPD) with ESMTPSA id 9c0d1e2f (TLSv1.3:TLS_AES_128_GCM_SHA256:128:NO) auth=yes user=alice' 'for <bob@recipient.example>;' 'Wed, 15 Jan 2025 12:00:05 +0000 (UTC)'
  body 'OpenSMTPD TLS notations' opensmtpd-tls; } > hostile/received-opensmtpd-tls.eml
row received-opensmtpd-tls.eml transport-synthetic "OpenSMTPD: 'with %sSMTP%s%s id <hex> (<version>:<cipher>:<bits>:YES|NO)' giving ESMTPS, SMTPS (HELO then TLS) and ESMTPSA with 'auth=yes user=...'; header syntax from OpenSMTPD smtpd/smtp_session.c, hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from gw.partner.example (gw.partner.example) by smarthost.recipient.example with smtp' '(TLS: TLSv1/SSLv3,256bits,ECDHE-RSA-AES256-GCM-SHA384)' ' id 4e32_9550_2168e048_2739_4706_8909_166f550daa28;' 'Wed, 15 Jan 2025 12:00:09 +0000'
  rcv 'from mail-qk1-f177.sender.example (mail-qk1-f177.sender.example' ' [::ffff:198.51.100.26]) (TLS: TLSv1/SSLv3,128bits,AES128-GCM-SHA256)' ' by gw.partner.example with ESMTPS; Wed, 15 Jan 2025 12:00:07 +0000' ' id 0000000000142524.000000005DA3BA77.00005B54'
  rcv 'from laptop.sender.example (laptop.sender.example [::ffff:203.0.113.11])' ' (AUTH: PLAIN alice, TLS: TLSv1/SSLv3,256bits,ECDHE-RSA-AES256-GCM-SHA384)' ' by mail-qk1-f177.sender.example with ESMTPSA; Wed, 15 Jan 2025 12:00:05 +0000' ' id 0000000000142520.000000005DA3BA75.00005B50'
  body 'Courier TLS notation' courier-tls; } > hostile/received-courier-tls.eml
row received-courier-tls.eml transport-synthetic "Courier-MTA '(TLS: <version>,<bits>bits,<cipher>)' and '(AUTH: <mech> <user>, TLS: ...)' with ESMTPS/ESMTPSA and the queue id after the date; the same '(TLS: ...)' comment after 'with smtp' from a gateway seen in public list archives; hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from mailtransport.internal ([10.202.2.48]) by mailbox.internal (LMTPProxy); Wed, 15 Jan 2025 07:00:09 -0500'
  rcv 'from mailbox.internal (localhost [127.0.0.1]) by mailbox.internal (Cyrus 3.11.0-alpha0-1108-g3a29173c6-fm-20250114.001-g3a29173c) with LMTPA;' ' Wed, 15 Jan 2025 07:00:09 -0500'
  rcv 'from mx6.messagingengine.example ([10.202.2.205]) by compute3.internal (Postfix) with ESMTP id 8C3F81140123;' ' Wed, 15 Jan 2025 07:00:08 -0500'
  rcv 'from unknown (HELO unkown) (::1)' 'by smtp.sender.example (Haraka/3.0.1) with ESMTPSA; Wed, 15 Jan 2025 13:00:05 +0100'
  body 'Fastmail and Haraka' fastmail-haraka; } > hostile/received-fastmail-haraka.eml
row received-fastmail-haraka.eml transport-synthetic "Fastmail internals: '(LMTPProxy)' without a with clause, Cyrus 'with LMTPA', an internal Postfix 'with ESMTP' from 10/8; Haraka submission '(Haraka/3.0.1) with ESMTPSA'; header syntax as these write it (seen in public list archives), hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from mail.webmail.example (mail.webmail.example [198.51.100.29])' 'by mx.recipient.example (Postfix) with ESMTPS id 5D7E8F9012' '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:09 +0000 (UTC)'
  rcv 'from 203.0.113.13' '        (SquirrelMail authenticated user alice)' '        by webmail.sender.example with HTTP;' '        Wed, 15 Jan 2025 12:00:07 +0000'
  rcv 'from [203.0.113.14]' ' by mail.webmail.example' ' with HTTP (HTTP/1.1 POST); Wed, 15 Jan 2025 12:00:06 +0000'
  rcv 'from 203.0.113.12 by sonic312.consmr.mail.ne1.yahoo.example with HTTP; Wed, 15 Jan 2025 12:00:05 +0000'
  body 'Webmail submissions' webmail-http; } > hostile/received-webmail-http.eml
row received-webmail-http.eml transport-synthetic "Webmail submission hops 'with HTTP' as SquirrelMail (functions/smtp.php: '(SquirrelMail authenticated user ...) by host with HTTP;'), Roundcube (program/actions/mail/send.php: 'with HTTP (HTTP/1.1 POST);') and Yahoo ('from <ip> by sonic...consmr.mail... with HTTP;') write them, whether the browser used HTTPS or not, below a Postfix TLS hop; hosts invented" "see make-hostile.sh (rcv)"
{ syn
  rcv 'from COL004-OMC4S6.hotmail.example ([198.51.100.31]) by COL004-MC6F2.hotmail.example over TLS secured channel with Microsoft SMTPSVC(7.5.7601.23143);' ' Wed, 15 Jan 2025 12:00:07 -0800'
  rcv 'from mail.sender.example ([198.51.100.30]) by COL004-OMC4S6.hotmail.example with Microsoft SMTPSVC(7.5.7601.23008);' ' Wed, 15 Jan 2025 12:00:05 -0800'
  body 'Microsoft SMTPSVC' smtpsvc-tls; } > hostile/received-smtpsvc-tls.eml
row received-smtpsvc-tls.eml transport-synthetic "Microsoft SMTPSVC (IIS SMTP, older Hotmail): 'by host over TLS secured channel with Microsoft SMTPSVC(7.5...)' for a TLS hop and the same without the phrase for a plain one; header syntax as SMTPSVC writes it (seen in published Hotmail headers), hosts invented" "see make-hostile.sh (rcv)"
{ syn
  printf 'Authentication-Results: mx.google.com;\n       dkim=pass header.i=@sender.example header.s=sel1 header.b=AbCdEf12;\n       arc=pass (i=2 spf=pass spfdomain=sender.example dkim=pass dkdomain=sender.example dmarc=pass fromdomain=sender.example);\n       spf=pass (google.com: domain of alice@sender.example designates 198.51.100.27 as permitted sender) smtp.mailfrom=alice@sender.example;\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=sender.example\n'
  printf 'Authentication-Results: mx.google.com;\n       dkim=pass (2048-bit key; unprotected) header.d=sender.example header.i=@sender.example header.a=rsa-sha256 header.s=sel1 header.b="AbC+/d=";\n       auth=pass (cram-md5) smtp.auth=alice@sender.example\n'
  rcv 'from mail.sender.example (mail.sender.example. [198.51.100.27])' 'by mx.google.com with ESMTPS id 5b1f17b1804b1-4361234567si1234567f8f.1.2025.01.15.04.00.08' 'for <bob@gmail.com>' '(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);' 'Wed, 15 Jan 2025 04:00:08 -0800 (PST)'
  body 'Authentication-Results notations' auth-results-google; } > hostile/auth-results-google.eml
row auth-results-google.eml auth-synthetic "Authentication-Results as Gmail writes it (header.i/header.s/header.b, arc=pass with a parenthesised sub-result list, spf comment, dmarc with (p= sp= dis=)), OpenDKIM's '(2048-bit key; unprotected)' comment holding a ';', a quoted header.b, RFC 8601 auth=pass smtp.auth; header syntax from RFC 8601 and as Gmail/OpenDKIM write it, hosts invented" "see make-hostile.sh (printf)"
{ syn
  printf 'Authentication-Results: spf=pass (sender IP is 198.51.100.28)\n smtp.mailfrom=sender.example; dkim=pass (signature was verified)\n header.d=sender.example;dmarc=fail action=quarantine\n header.from=sender.example;compauth=fail reason=000\n'
  printf 'ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass\n smtp.mailfrom=sender.example; dmarc=fail action=quarantine\n header.from=sender.example; dkim=pass header.d=sender.example; arc=none\n'
  rcv 'from mail.sender.example (198.51.100.28) by' ' AMS0EPF000001A1.mail.protection.outlook.com (10.167.16.65) with Microsoft SMTP' ' Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8356.10 via' ' Frontend Transport; Wed, 15 Jan 2025 12:00:07 +0000'
  body 'Exchange Online Authentication-Results' auth-results-exchange-online; } > hostile/auth-results-exchange-online.eml
row auth-results-exchange-online.eml auth-synthetic "Exchange Online's Authentication-Results without an authserv-id ('spf=pass (sender IP is ...) ...;compauth=fail reason=000', no space after ';') and its ARC-Authentication-Results 'i=1; mx.microsoft.com 1; ...', delivered by an EOP hop; header syntax as Exchange Online writes it, hosts invented" "see make-hostile.sh (printf)"

{ syn
  printf 'Authentication-Results: mx.recipient.example 1;\n\tdkim/1=fail header.d=sender.example header.s=sel1\n'
  printf 'Authentication-Results: mx.recipient.example;\n\tdkim=fail reason="bad signature; body hash mismatch" header.d=sender.example;\n\tspf=pass smtp.mailfrom=sender.example\n'
  printf 'Authentication-Results: mx.recipient.example; none\n'
  printf 'Authentication-Results: mx.recipient.example;\n\tdmarc=fail (p=reject dis=none) policy.dmarc=reject header.from=sender.example\n'
  rcv 'from mail.sender.example (mail.sender.example [198.51.100.27])' 'by mx.recipient.example (Postfix) with ESMTPS id 1A2B3C4D5E' '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:07 +0000 (UTC)'
  body 'RFC 8601 grammar' auth-results-rfc8601; } > hostile/auth-results-rfc8601.eml
row auth-results-rfc8601.eml auth-synthetic "Authentication-Results by RFC 8601's grammar: authserv-id with version ('mx.recipient.example 1;'), a method with a version ('dkim/1=fail'), a quoted reason holding a ';', 'none', a policy.dmarc property; hosts invented" "see make-hostile.sh (printf)"

{ syn
  rcv 'from source ([198.51.100.32]) (using TLSv1) by exprod8mx8.postini.example; Wed, 15 Jan 2025 04:00:07 PST'
  body 'Postini TLS' postini-tls; } > hostile/received-postini-tls.eml
row received-postini-tls.eml transport-synthetic "Postini (Google Message Security) 'from source ([ip]) (using TLSv1) by exprodNmxM.postini.com;' with no with clause; header syntax from the Google Message Security administration guide, hosts invented" "see make-hostile.sh (rcv)"

{ syn
  rcv 'from [192.168.1.5] (dsl-203-0-113-20.isp.example [203.0.113.20])' '(Authenticated sender: alice@sender.example)' 'by smtp.sender.example (Postfix) with ESMTPA id 6C7D8E9F01' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:09 +0000 (UTC)'
  rcv 'from [192.168.1.12] (203.0.113.21) by EXCAS01.corp.sender.example' ' (198.51.100.33) with Microsoft SMTP Server id 15.0.1497.2; Wed, 15 Jan 2025' ' 12:00:07 +0000'
  rcv 'from [203.0.113.22] (helo=[192.168.1.20])' 'by mail.sender.example with esmtpa (Exim 4.97)' '(envelope-from <alice@sender.example>)' 'id 1tY3b8-0000Yy-8p; Wed, 15 Jan 2025 12:00:05 +0000'
  body 'Clients behind NAT' nat-helo; } > hostile/received-nat-helo.eml
row received-nat-helo.eml transport-synthetic "Plain submissions from clients behind NAT that greet with a private address literal: Postfix 'from [192.168.1.5] (rdns [public])', Exchange 'from [192.168.1.12] (public) by ...', Exim 'from [public] (helo=[192.168.1.20])'; the address the server saw is RFC 5321's TCP-info in parentheses (Exim writes the HELO there instead); hosts invented" "see make-hostile.sh (rcv)"

{ syn
  printf 'Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=198.51.100.34; helo=mail.sender.example; envelope-from=alice@sender.example; receiver=<UNKNOWN> \n'
  rcv 'from mail.sender.example (mail.sender.example [198.51.100.34])' '(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))' '(No client certificate requested)' 'by mx.recipient.example (Postfix) with ESMTPS id 704C0151E2' 'for <bob@recipient.example>; Wed, 15 Jan 2025 12:00:07 +0000 (UTC)'
  body 'policyd-spf' auth-received-spf-policyd; } > hostile/auth-received-spf-policyd.eml
row auth-received-spf-policyd.eml auth-synthetic "Received-SPF as policyd-spf writes it with its host hidden: 'Pass (mailfrom) identity=mailfrom; client-ip=...; helo=...; envelope-from=...; receiver=<UNKNOWN> ' (trailing space kept); header syntax from published list-archive headers, hosts invented" "see make-hostile.sh (printf)"

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

########################################################################## charsets and encoded header text (SYNTHETIC)
# RFC 2047 words, RFC 2231 parameters, legacy charsets and raw 8-bit headers; lib/charsets.py says per sample how its
# words and bytes were made (Python's email package and codecs). Hosts and people invented.
for name in $(python3 lib/charsets.py --list); do
  python3 lib/charsets.py "$name" > "hostile/charset-$name.eml"
  row "charset-$name.eml" charset-synthetic "$(python3 lib/charsets.py --doc "$name")" "python3 lib/charsets.py $name"
done
