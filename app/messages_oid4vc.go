package app

// oid4vcMessages are the texts of the receive and authorize pages
// (OpenID4VCI and OpenID4VP), in lang order like catalogue, which they
// join at start-up.
var oid4vcMessages = map[string][numLangs]string{
	"err.oid.notOffer": {
		"This is not a credential offer (openid-credential-offer://…).",
		"Das ist kein Nachweisangebot (openid-credential-offer://…).",
		"Ceci n’est pas une offre d’attestation (openid-credential-offer://…).",
	},
	"err.oid.notRequest": {
		"This is not a presentation request (openid4vp://…).",
		"Das ist keine Vorzeigeanfrage (openid4vp://…).",
		"Ceci n’est pas une demande de présentation (openid4vp://…).",
	},
	"err.oid.txCode": {
		"Type the transaction code the issuer gave you.",
		"Geben Sie den Transaktionscode ein, den Ihnen der Aussteller gegeben hat.",
		"Saisissez le code de transaction que l’émetteur vous a donné.",
	},
	"err.oid.nothingChosen": {
		"Tick at least one claim to share, or decline.",
		"Wählen Sie mindestens eine Angabe aus, oder lehnen Sie ab.",
		"Cochez au moins une donnée à partager, ou refusez.",
	},
	"err.oid.other": {
		"The exchange failed: %s",
		"Der Austausch ist fehlgeschlagen: %s",
		"L’échange a échoué : %s",
	},
	"err.oid.invalid_grant": {
		"The issuer refused the offer: it was already used, has expired, or the transaction code is wrong.",
		"Der Aussteller hat das Angebot abgelehnt: Es wurde schon benutzt, ist abgelaufen, oder der Transaktionscode ist falsch.",
		"L’émetteur a refusé l’offre : elle a déjà servi, a expiré, ou le code de transaction est faux.",
	},
	"err.oid.unknown_credential_configuration": {
		"The issuer does not issue the credential this offer names.",
		"Der Aussteller stellt den Nachweis, den dieses Angebot nennt, nicht aus.",
		"L’émetteur ne délivre pas l’attestation que cette offre désigne.",
	},
	"err.oid.invalid_proof": {
		"The issuer did not accept this wallet’s key proof.",
		"Der Aussteller hat den Schlüsselnachweis dieser Wallet nicht angenommen.",
		"L’émetteur n’a pas accepté la preuve de clé de ce portefeuille.",
	},
	"err.oid.invalid_nonce": {
		"The issuer’s one-time value expired: try the offer again.",
		"Der Einmalwert des Ausstellers ist abgelaufen: Versuchen Sie das Angebot erneut.",
		"La valeur à usage unique de l’émetteur a expiré : réessayez l’offre.",
	},
	"err.oid.invalid_token": {
		"The issuer’s access token is no longer valid: try the offer again.",
		"Das Zugriffstoken des Ausstellers ist nicht mehr gültig: Versuchen Sie das Angebot erneut.",
		"Le jeton d’accès de l’émetteur n’est plus valable : réessayez l’offre.",
	},
	"err.oid.credential_request_denied": {
		"The issuer declined to issue the credential.",
		"Der Aussteller hat es abgelehnt, den Nachweis auszustellen.",
		"L’émetteur a refusé de délivrer l’attestation.",
	},
	"err.oid.invalid_request": {
		"The other side found the request or answer invalid, or it has expired.",
		"Die Gegenseite hält die Anfrage oder Antwort für ungültig, oder sie ist abgelaufen.",
		"L’autre partie juge la demande ou la réponse invalide, ou elle a expiré.",
	},
	"err.oid.access_denied": {
		"The other side refused the answer.",
		"Die Gegenseite hat die Antwort abgelehnt.",
		"L’autre partie a refusé la réponse.",
	},
	"err.oid.vp_formats_not_supported": {
		"The verifier does not accept the format of this credential.",
		"Der Prüfer akzeptiert das Format dieses Nachweises nicht.",
		"Le vérificateur n’accepte pas le format de cette attestation.",
	},
	"err.oid.invalid_request_uri_method": {
		"The verifier wants the request fetched with POST, which this wallet does not do.",
		"Der Prüfer verlangt, die Anfrage per POST abzuholen; das kann diese Wallet nicht.",
		"Le vérificateur veut que la demande soit récupérée par POST, ce que ce portefeuille ne fait pas.",
	},
	"err.oid.server_error": {
		"The other side could not be reached or failed.",
		"Die Gegenseite war nicht erreichbar oder hatte einen Fehler.",
		"L’autre partie est injoignable ou a échoué.",
	},
	"err.oid.malformed": {
		"The link or the other side’s answer is malformed.",
		"Der Link oder die Antwort der Gegenseite ist fehlerhaft.",
		"Le lien ou la réponse de l’autre partie est mal formé.",
	},
	"err.oid.too_large": {
		"The link or the other side’s answer is too large.",
		"Der Link oder die Antwort der Gegenseite ist zu groß.",
		"Le lien ou la réponse de l’autre partie est trop volumineux.",
	},
	"err.oid.duplicate_key": {
		"The link or the other side’s answer is ambiguous (a repeated member).",
		"Der Link oder die Antwort der Gegenseite ist mehrdeutig (ein doppeltes Feld).",
		"Le lien ou la réponse de l’autre partie est ambigu (un membre répété).",
	},
	"err.oid.unsupported": {
		"This wallet does not support what the other side asks for.",
		"Diese Wallet unterstützt nicht, was die Gegenseite verlangt.",
		"Ce portefeuille ne prend pas en charge ce que l’autre partie demande.",
	},
	"consent.included": {
		"included with the claim above",
		"mit der Angabe darüber enthalten",
		"inclus avec la donnée au-dessus",
	},
	"cred.notTrusted": {
		"issued this credential and is not among your trusted issuers. Trust it only if you know who it is.",
		"hat diesen Nachweis ausgestellt und ist nicht unter Ihren vertrauenswürdigen Ausstellern. Vertrauen Sie ihm nur, wenn Sie wissen, wer das ist.",
		"a délivré cette attestation et ne fait pas partie de vos émetteurs de confiance. Ne lui faites confiance que si vous savez qui c’est.",
	},
	"cred.trust": {
		"Trust this issuer",
		"Diesem Aussteller vertrauen",
		"Faire confiance à cet émetteur",
	},
	"notice.trusted": {
		"Issuer trusted; %d credential(s) checked again.",
		"Aussteller als vertrauenswürdig gespeichert; %d Nachweis(e) erneut geprüft.",
		"Émetteur ajouté aux émetteurs de confiance ; %d attestation(s) vérifiée(s) à nouveau.",
	},
	"scan.start": {
		"Scan a QR code",
		"QR-Code scannen",
		"Scanner un code QR",
	},
	"scan.stop": {
		"Stop the camera",
		"Kamera ausschalten",
		"Arrêter la caméra",
	},
	"scan.picture": {
		"or read one from a picture:",
		"oder aus einem Bild lesen:",
		"ou le lire sur une image :",
	},
	"scan.video": {
		"Camera view: hold the QR code in front of it",
		"Kamerabild: Halten Sie den QR-Code davor",
		"Image de la caméra : présentez-lui le code QR",
	},
	"err.scan.none": {
		"No QR code found in this picture.",
		"In diesem Bild wurde kein QR-Code gefunden.",
		"Aucun code QR trouvé sur cette image.",
	},
	"err.scan.noCamera": {
		"This browser gives no access to a camera: read the code from a picture, or paste the link.",
		"Dieser Browser gibt keinen Zugriff auf eine Kamera: Lesen Sie den Code aus einem Bild, oder fügen Sie den Link ein.",
		"Ce navigateur ne donne pas accès à une caméra : lisez le code sur une image, ou collez le lien.",
	},
	"err.scan.denied": {
		"The camera could not be used (permission refused, or no camera).",
		"Die Kamera konnte nicht benutzt werden (Erlaubnis verweigert oder keine Kamera).",
		"La caméra n’a pas pu être utilisée (autorisation refusée, ou pas de caméra).",
	},
	"err.notEnvelopable": {
		"This credential cannot be presented from this wallet.",
		"Dieser Nachweis kann aus dieser Wallet nicht vorgezeigt werden.",
		"Cette attestation ne peut pas être présentée depuis ce portefeuille.",
	},
	"present.whole": {
		"the whole credential",
		"der ganze Nachweis",
		"l’attestation entière",
	},
	"present.wholeNote": {
		"This credential has no selective disclosure: the verifier sees every claim below, signed as a presentation by your wallet’s key.",
		"Dieser Nachweis erlaubt keine Auswahl: Der Prüfer sieht jede Angabe unten, als Präsentation mit dem Schlüssel Ihrer Wallet signiert.",
		"Cette attestation ne permet pas de choisir : le vérificateur voit chaque donnée ci-dessous, présentée et signée avec la clé de votre portefeuille.",
	},
	"panel.ok":          {"ok", "ok", "ok"},
	"panel.issuer":      {"Issuer", "Aussteller", "Émetteur"},
	"panel.key":         {"Signing key", "Signaturschlüssel", "Clé de signature"},
	"panel.certificate": {"Key certificate", "Schlüsselzertifikat", "Certificat de la clé"},
	"panel.trust":       {"Trusted by you", "Von Ihnen als vertrauenswürdig markiert", "Émetteur de confiance pour vous"},
	"panel.lifecycle":   {"Lifecycle", "Lebenszyklus", "Cycle de vie"},
	"panel.fromUntil":   {"Valid from %s until %s.", "Gültig von %s bis %s.", "Valable du %s au %s."},
	"panel.from":        {"Valid from %s, with no end date.", "Gültig ab %s, ohne Enddatum.", "Valable à partir du %s, sans date de fin."},
	"panel.until":       {"Valid until %s.", "Gültig bis %s.", "Valable jusqu’au %s."},
	"panel.noPeriod":    {"The credential states no validity period.", "Der Nachweis nennt keinen Gültigkeitszeitraum.", "L’attestation n’indique pas de période de validité."},
	"panel.validFrom":   {"Started", "Begonnen", "Commencée"},
	"panel.validUntil":  {"Not expired", "Nicht abgelaufen", "Non expirée"},
	"panel.status":      {"Status: %s", "Status: %s", "Statut : %s"},
	"panel.noStatus":    {"No status list: the issuer cannot revoke or suspend it.", "Keine Statusliste: Der Aussteller kann ihn nicht widerrufen oder aussetzen.", "Pas de liste de statut : l’émetteur ne peut ni la révoquer ni la suspendre."},
	"panel.deprecated":  {"Not replaced by a newer one", "Nicht durch einen neueren ersetzt", "Non remplacée par une plus récente"},
	"panel.delegation":  {"Delegation", "Delegation", "Délégation"},
	"panel.holder":      {"Bound to the key", "An den Schlüssel gebunden", "Liée à la clé"},
	"panel.parent":      {"Delegated by the parent credential", "Vom übergeordneten Nachweis delegiert", "Déléguée par l’attestation parente"},
	"panel.noParent":    {"Issued directly: no parent credential.", "Direkt ausgestellt: kein übergeordneter Nachweis.", "Délivrée directement : pas d’attestation parente."},
	"err.trustBundle": {
		"This file is not a trust bundle: a JSON verification request (trustedIssuers, didDocs, resources, …, as /portal/trust.json) or an offline bundle (gxwallet bundle create).",
		"Diese Datei ist kein Vertrauensbündel: eine JSON-Prüfanfrage (trustedIssuers, didDocs, resources, …, wie /portal/trust.json) oder ein Offline-Bündel (gxwallet bundle create).",
		"Ce fichier n’est pas un paquet de confiance : une requête de vérification JSON (trustedIssuers, didDocs, resources, …, comme /portal/trust.json) ou un paquet hors ligne (gxwallet bundle create).",
	},
	"bundle.title": {"Trust bundle", "Vertrauensbündel", "Paquet de confiance"},
	"bundle.note": {
		"Load the file your organisation or a verifier gives you: its trusted issuers, their DID documents and status lists let this wallet check credentials without a network.",
		"Laden Sie die Datei, die Ihnen Ihre Organisation oder ein Prüfer gibt: Ihre vertrauenswürdigen Aussteller, deren DID-Dokumente und Statuslisten lassen diese Wallet Nachweise ohne Netz prüfen.",
		"Chargez le fichier que votre organisation ou un vérificateur vous donne : ses émetteurs de confiance, leurs documents DID et listes de statut permettent de vérifier les attestations sans réseau.",
	},
	"bundle.loaded": {
		"A trust bundle is loaded: %d trusted issuers, %d DID documents, %d other resources.",
		"Ein Vertrauensbündel ist geladen: %d vertrauenswürdige Aussteller, %d DID-Dokumente, %d weitere Ressourcen.",
		"Un paquet de confiance est chargé : %d émetteurs de confiance, %d documents DID, %d autres ressources.",
	},
	"bundle.file":   {"Load a trust bundle (.json)", "Vertrauensbündel laden (.json)", "Charger un paquet de confiance (.json)"},
	"bundle.remove": {"Remove the trust bundle", "Vertrauensbündel entfernen", "Retirer le paquet de confiance"},
	"bundle.done": {
		"Trust bundle loaded (%d trusted issuers); every credential checked again.",
		"Vertrauensbündel geladen (%d vertrauenswürdige Aussteller); jeder Nachweis wurde erneut geprüft.",
		"Paquet de confiance chargé (%d émetteurs de confiance) ; chaque attestation a été revérifiée.",
	},
	"bundle.removed": {
		"Trust bundle removed; every credential checked again.",
		"Vertrauensbündel entfernt; jeder Nachweis wurde erneut geprüft.",
		"Paquet de confiance retiré ; chaque attestation a été revérifiée.",
	},
	"err.fetchCredential": {
		"The credential could not be fetched from that address: %s",
		"Der Nachweis konnte von dieser Adresse nicht geladen werden: %s",
		"L’attestation n’a pas pu être récupérée à cette adresse : %s",
	},
	"notice.lockedElsewhere": {
		"The wallet was locked in another tab.",
		"Die Wallet wurde in einem anderen Tab gesperrt.",
		"Le portefeuille a été verrouillé dans un autre onglet.",
	},
	"receive.title": {
		"Receive a credential",
		"Nachweis empfangen",
		"Recevoir une attestation",
	},
	"receive.resolving": {
		"Asking the issuer what it offers…",
		"Der Aussteller wird gefragt, was er anbietet…",
		"Demande à l’émetteur ce qu’il propose…",
	},
	"receive.lead": {
		"Paste the credential offer an issuer gave you. Nothing is stored until you accept.",
		"Fügen Sie das Nachweisangebot eines Ausstellers ein. Gespeichert wird erst, wenn Sie annehmen.",
		"Collez l’offre d’attestation qu’un émetteur vous a donnée. Rien n’est enregistré avant votre accord.",
	},
	"receive.label": {
		"Credential offer",
		"Nachweisangebot",
		"Offre d’attestation",
	},
	"receive.offers": {
		"offers you:",
		"bietet Ihnen an:",
		"vous propose :",
	},
	"receive.binding": {
		"If you accept, the credential is bound to this wallet’s key and kept on this device only.",
		"Wenn Sie annehmen, wird der Nachweis an den Schlüssel dieser Wallet gebunden und nur auf diesem Gerät aufbewahrt.",
		"Si vous acceptez, l’attestation est liée à la clé de ce portefeuille et conservée sur cet appareil seulement.",
	},
	"receive.txCode": {
		"Transaction code",
		"Transaktionscode",
		"Code de transaction",
	},
	"receive.txLead": {
		"The issuer sent you a code through another channel (e-mail, SMS, or on screen).",
		"Der Aussteller hat Ihnen einen Code auf anderem Weg geschickt (E-Mail, SMS oder am Bildschirm).",
		"L’émetteur vous a envoyé un code par un autre canal (e-mail, SMS ou à l’écran).",
	},
	"receive.accept": {
		"Accept",
		"Annehmen",
		"Accepter",
	},
	"receive.receiving": {
		"Receiving…",
		"Wird empfangen…",
		"Réception…",
	},
	"receive.decline": {
		"Decline",
		"Ablehnen",
		"Refuser",
	},
	"receive.done": {
		"%d credential(s) received from %s and kept in your wallet:",
		"%d Nachweis(e) von %s empfangen und in Ihrer Wallet aufbewahrt:",
		"%d attestation(s) reçue(s) de %s et conservée(s) dans votre portefeuille :",
	},
	"authorize.title": {
		"Answer a request",
		"Anfrage beantworten",
		"Répondre à une demande",
	},
	"authorize.resolving": {
		"Reading the request…",
		"Die Anfrage wird gelesen…",
		"Lecture de la demande…",
	},
	"authorize.lead": {
		"Paste the presentation request a relying party showed you. Nothing is sent until you choose.",
		"Fügen Sie die Vorzeigeanfrage einer vertrauenden Stelle ein. Gesendet wird erst, wenn Sie auswählen.",
		"Collez la demande de présentation d’un tiers de confiance. Rien n’est envoyé avant votre choix.",
	},
	"authorize.label": {
		"Presentation request",
		"Vorzeigeanfrage",
		"Demande de présentation",
	},
	"authorize.asks": {
		"asks to see:",
		"möchte sehen:",
		"demande à voir :",
	},
	"authorize.unsigned": {
		"The request is not signed: the address above is all that identifies the verifier. Client id:",
		"Die Anfrage ist nicht signiert: Nur die Adresse oben weist den Prüfer aus. Client-ID:",
		"La demande n’est pas signée : seule l’adresse ci-dessus identifie le vérificateur. Identifiant client :",
	},
	"authorize.noMatch": {
		"No credential in this wallet has what this request asks for.",
		"Kein Nachweis in dieser Wallet hat, was diese Anfrage verlangt.",
		"Aucune attestation de ce portefeuille ne contient ce que cette demande exige.",
	},
	"authorize.tellNo": {
		"Tell the verifier",
		"Dem Prüfer mitteilen",
		"Le dire au vérificateur",
	},
	"authorize.sending": {
		"Sending…",
		"Wird gesendet…",
		"Envoi…",
	},
	"authorize.optional": {
		"optional",
		"freiwillig",
		"facultatif",
	},
	"authorize.decline": {
		"Decline",
		"Ablehnen",
		"Refuser",
	},
	"authorize.sent": {
		"Sent to %s: %s.",
		"An %s gesendet: %s.",
		"Envoyé à %s : %s.",
	},
	"authorize.declined": {
		"You declined; %s was told.",
		"Sie haben abgelehnt; %s wurde informiert.",
		"Vous avez refusé ; %s en a été informé.",
	},
	"authorize.continue": {
		"Continue at %s",
		"Weiter bei %s",
		"Continuer sur %s",
	},
	"authorize.history": {
		"See it in your history",
		"Im Verlauf ansehen",
		"Voir dans l’historique",
	},
}

func init() {
	for k, v := range oid4vcMessages {
		if _, dup := catalogue[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		catalogue[k] = v
	}
}
