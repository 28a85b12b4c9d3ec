package app

// catalogue holds every user-visible string of the wallet screens, by key:
// one text per language, in lang order (langEN, langDE, langFR).
// Formatting verbs (%s, %d, …) must be the same, in the same order, in
// every language (TestCatalogue checks it).
var catalogue = map[string][numLangs]string{
	"err.shortPassphrase": {
		"A passphrase needs at least %d characters.",
		"Eine Passphrase braucht mindestens %d Zeichen.",
		"Une phrase secrète doit compter au moins %d caractères.",
	},
	"err.duplicate": {
		"This credential is already in your wallet.",
		"Dieser Nachweis ist schon in Ihrer Wallet.",
		"Cette attestation est déjà dans votre portefeuille.",
	},
	"err.emptyImport": {
		"Paste a credential first.",
		"Fügen Sie zuerst einen Nachweis ein.",
		"Collez d’abord une attestation.",
	},
	"err.presentation": {
		"This is a presentation, not a credential: it cannot be kept.",
		"Das ist eine Präsentation, kein Nachweis: Sie kann nicht aufbewahrt werden.",
		"Ceci est une présentation, pas une attestation : elle ne peut pas être conservée.",
	},
	"err.notSDJWT": {
		"Only SD-JWT credentials can be presented with selected claims.",
		"Nur SD-JWT-Nachweise lassen sich mit ausgewählten Angaben vorzeigen.",
		"Seules les attestations SD-JWT peuvent être présentées avec une sélection de données.",
	},
	"err.noSuchCred": {
		"No such credential in this wallet.",
		"Dieser Nachweis ist nicht in dieser Wallet.",
		"Cette attestation n’est pas dans ce portefeuille.",
	},
	"err.otherKey": {
		"This credential is bound to a holder key this wallet no longer has (the wallet was restored from a backup, which cannot carry keys): ask its issuer to issue it again to your current key.",
		"Dieser Nachweis ist an einen Inhaberschlüssel gebunden, den diese Wallet nicht mehr hat (sie wurde aus einer Sicherung wiederhergestellt, und Sicherungen enthalten keine Schlüssel): Bitten Sie den Aussteller, ihn erneut für Ihren jetzigen Schlüssel auszustellen.",
		"Cette attestation est liée à une clé de titulaire que ce portefeuille n’a plus (il a été restauré depuis une sauvegarde, qui ne peut pas contenir de clés) : demandez à son émetteur de la délivrer à nouveau pour votre clé actuelle.",
	},
	"err.lockTimeout": {
		"The lock timeout must be between %d seconds and %d hours.",
		"Die Sperrzeit muss zwischen %d Sekunden und %d Stunden liegen.",
		"Le délai de verrouillage doit être compris entre %d secondes et %d heures.",
	},
	"err.rejected": {
		"This credential does not verify (%s): it was not imported.",
		"Dieser Nachweis ist nicht gültig (%s): Er wurde nicht übernommen.",
		"Cette attestation n’est pas valide (%s) : elle n’a pas été importée.",
	},
	"err.rejectedNoCode": {
		"This credential does not verify: it was not imported.",
		"Dieser Nachweis ist nicht gültig: Er wurde nicht übernommen.",
		"Cette attestation n’est pas valide : elle n’a pas été importée.",
	},
	"err.wrongPassphrase": {
		"That passphrase does not open this wallet.",
		"Diese Passphrase öffnet diese Wallet nicht.",
		"Cette phrase secrète n’ouvre pas ce portefeuille.",
	},
	"err.quota": {
		"This device's storage is full. Nothing was saved: free some space and try again.",
		"Der Speicher dieses Geräts ist voll. Nichts wurde gespeichert: Geben Sie Platz frei und versuchen Sie es erneut.",
		"Le stockage de cet appareil est plein. Rien n’a été enregistré : libérez de l’espace et réessayez.",
	},
	"err.tampered": {
		"The wallet's storage has been altered or damaged (%s).",
		"Der Speicher der Wallet wurde verändert oder beschädigt (%s).",
		"Le stockage du portefeuille a été modifié ou endommagé (%s).",
	},
	"err.locked": {
		"The wallet is locked. Unlock it first.",
		"Die Wallet ist gesperrt. Entsperren Sie sie zuerst.",
		"Le portefeuille est verrouillé. Déverrouillez-le d’abord.",
	},
	"err.newerSchema": {
		"A newer version of gxwallet wrote this wallet. Reload to get it.",
		"Eine neuere Version von gxwallet hat diese Wallet geschrieben. Laden Sie die Seite neu, um sie zu erhalten.",
		"Une version plus récente de gxwallet a écrit ce portefeuille. Rechargez la page pour l’obtenir.",
	},
	"err.exists": {
		"A wallet already exists on this device.",
		"Auf diesem Gerät gibt es schon eine Wallet.",
		"Un portefeuille existe déjà sur cet appareil.",
	},
	"err.generic": {
		"Something went wrong: %s",
		"Etwas ist schiefgegangen: %s",
		"Une erreur s’est produite : %s",
	},
	"err.storageUnavailable": {
		"This browser does not let gxwallet keep data on the device (%s). Private windows often do not.",
		"Dieser Browser erlaubt gxwallet nicht, Daten auf dem Gerät zu speichern (%s). Private Fenster erlauben es oft nicht.",
		"Ce navigateur ne permet pas à gxwallet de conserver des données sur l’appareil (%s). Les fenêtres privées ne le permettent souvent pas.",
	},
	"err.req.tooLarge": {
		"The request is too large.",
		"Die Anfrage ist zu groß.",
		"La demande est trop volumineuse.",
	},
	"err.req.notJSON": {
		"The request is not JSON: %s.",
		"Die Anfrage ist kein JSON: %s.",
		"La demande n’est pas du JSON : %s.",
	},
	"err.req.noAud": {
		"The request does not say who asks (aud).",
		"Die Anfrage sagt nicht, wer fragt (aud).",
		"La demande n’indique pas qui la fait (aud).",
	},
	"err.req.noNonce": {
		"The request has no nonce.",
		"Die Anfrage hat keine Nonce.",
		"La demande n’a pas de nonce.",
	},
	"err.req.emptyClaim": {
		"The request names an empty claim.",
		"Die Anfrage nennt eine leere Angabe.",
		"La demande nomme une donnée vide.",
	},
	"err.req.badPath": {
		"The request has a claim path that is neither a name nor an array: %.40s.",
		"Die Anfrage hat einen Angabenpfad, der weder ein Name noch ein Array ist: %.40s.",
		"La demande contient un chemin de donnée qui n’est ni un nom ni un tableau : %.40s.",
	},
	"err.req.badIndex": {
		"The request has a bad array index %q.",
		"Die Anfrage hat einen ungültigen Array-Index %q.",
		"La demande contient un index de tableau invalide %q.",
	},
	"err.req.badElem": {
		"The request has a claim path element of type %s.",
		"Die Anfrage hat ein Pfadelement vom Typ %s.",
		"La demande contient un élément de chemin de type %s.",
	},
	"err.qrTooMany": {
		"The text needs %d QR codes; copy or download it instead.",
		"Der Text bräuchte %d QR-Codes; kopieren oder laden Sie ihn stattdessen herunter.",
		"Le texte demanderait %d codes QR ; copiez-le ou téléchargez-le plutôt.",
	},
	"notice.created": {
		"Your wallet is ready. Its holder key was made on this device and cannot leave it.",
		"Ihre Wallet ist bereit. Ihr Inhaberschlüssel wurde auf diesem Gerät erzeugt und kann es nicht verlassen.",
		"Votre portefeuille est prêt. Sa clé de titulaire a été créée sur cet appareil et ne peut pas le quitter.",
	},
	"notice.imported": {
		"Added %s.",
		"%s hinzugefügt.",
		"%s ajoutée.",
	},
	"notice.rechecked": {
		"Checked again: %s.",
		"Erneut geprüft: %s.",
		"Vérifiée à nouveau : %s.",
	},
	"notice.deleted": {
		"The credential was deleted from this device.",
		"Der Nachweis wurde von diesem Gerät gelöscht.",
		"L’attestation a été supprimée de cet appareil.",
	},
	"notice.settingsSaved": {
		"Settings saved. Re-check a credential to apply new trusted issuers to it.",
		"Einstellungen gespeichert. Prüfen Sie einen Nachweis erneut, um neue vertrauenswürdige Aussteller darauf anzuwenden.",
		"Réglages enregistrés. Vérifiez à nouveau une attestation pour lui appliquer les nouveaux émetteurs de confiance.",
	},
	"notice.wiped": {
		"The wallet was wiped from this device.",
		"Die Wallet wurde von diesem Gerät gelöscht.",
		"Le portefeuille a été effacé de cet appareil.",
	},
	"notice.idleLocked": {
		"Locked after %s without activity.",
		"Nach %s ohne Aktivität gesperrt.",
		"Verrouillé après %s sans activité.",
	},
	"dur.seconds": {
		"%d seconds",
		"%d Sekunden",
		"%d secondes",
	},
	"dur.minutes": {
		"%d minutes",
		"%d Minuten",
		"%d minutes",
	},
	"restore.doneOne": {
		"Your wallet was restored with 1 credential, its settings and its history. A new holder key was made on this device: holder keys never leave a device, so the backup did not hold the old one.",
		"Ihre Wallet wurde mit 1 Nachweis, ihren Einstellungen und ihrem Verlauf wiederhergestellt. Auf diesem Gerät wurde ein neuer Inhaberschlüssel erzeugt: Inhaberschlüssel verlassen nie ein Gerät, daher enthielt die Sicherung den alten nicht.",
		"Votre portefeuille a été restauré avec 1 attestation, ses réglages et son historique. Une nouvelle clé de titulaire a été créée sur cet appareil : les clés de titulaire ne quittent jamais un appareil, la sauvegarde ne contenait donc pas l’ancienne.",
	},
	"restore.doneMany": {
		"Your wallet was restored with %d credentials, its settings and its history. A new holder key was made on this device: holder keys never leave a device, so the backup did not hold the old one.",
		"Ihre Wallet wurde mit %d Nachweisen, ihren Einstellungen und ihrem Verlauf wiederhergestellt. Auf diesem Gerät wurde ein neuer Inhaberschlüssel erzeugt: Inhaberschlüssel verlassen nie ein Gerät, daher enthielt die Sicherung den alten nicht.",
		"Votre portefeuille a été restauré avec %d attestations, ses réglages et son historique. Une nouvelle clé de titulaire a été créée sur cet appareil : les clés de titulaire ne quittent jamais un appareil, la sauvegarde ne contenait donc pas l’ancienne.",
	},
	"restore.otherKeyOne": {
		"1 credential is bound to the old key and cannot be presented until its issuer issues it again to your new key (Settings shows it).",
		"1 Nachweis ist an den alten Schlüssel gebunden und kann erst vorgezeigt werden, wenn sein Aussteller ihn erneut für Ihren neuen Schlüssel ausstellt (siehe Einstellungen).",
		"1 attestation est liée à l’ancienne clé et ne peut pas être présentée tant que son émetteur ne l’a pas délivrée à nouveau pour votre nouvelle clé (voir Réglages).",
	},
	"restore.otherKeyMany": {
		"%d credentials are bound to the old key and cannot be presented until their issuers issue them again to your new key (Settings shows it).",
		"%d Nachweise sind an den alten Schlüssel gebunden und können erst vorgezeigt werden, wenn ihre Aussteller sie erneut für Ihren neuen Schlüssel ausstellen (siehe Einstellungen).",
		"%d attestations sont liées à l’ancienne clé et ne peuvent pas être présentées tant que leurs émetteurs ne les ont pas délivrées à nouveau pour votre nouvelle clé (voir Réglages).",
	},
	"restore.errPassphrase": {
		"That passphrase does not open this backup. Use the passphrase the wallet had when the backup was made. Nothing was restored.",
		"Diese Passphrase öffnet diese Sicherung nicht. Verwenden Sie die Passphrase, die die Wallet beim Erstellen der Sicherung hatte. Nichts wurde wiederhergestellt.",
		"Cette phrase secrète n’ouvre pas cette sauvegarde. Utilisez la phrase secrète qu’avait le portefeuille lors de la sauvegarde. Rien n’a été restauré.",
	},
	"restore.errTampered": {
		"This backup file has been altered or damaged, so it was refused. Nothing was restored.",
		"Diese Sicherungsdatei wurde verändert oder beschädigt und deshalb abgelehnt. Nichts wurde wiederhergestellt.",
		"Ce fichier de sauvegarde a été modifié ou endommagé, il a donc été refusé. Rien n’a été restauré.",
	},
	"restore.errNewer": {
		"A newer version of gxwallet made this backup. Reload to get it, then try again.",
		"Eine neuere Version von gxwallet hat diese Sicherung erstellt. Laden Sie die Seite neu und versuchen Sie es dann erneut.",
		"Une version plus récente de gxwallet a créé cette sauvegarde. Rechargez la page, puis réessayez.",
	},
	"restore.errExists": {
		"A wallet already exists on this device. Wipe it first to restore another one.",
		"Auf diesem Gerät gibt es schon eine Wallet. Löschen Sie sie zuerst, um eine andere wiederherzustellen.",
		"Un portefeuille existe déjà sur cet appareil. Effacez-le d’abord pour en restaurer un autre.",
	},
	"restore.errQuota": {
		"This device's storage is full. Nothing was restored: free some space and try again.",
		"Der Speicher dieses Geräts ist voll. Nichts wurde wiederhergestellt: Geben Sie Platz frei und versuchen Sie es erneut.",
		"Le stockage de cet appareil est plein. Rien n’a été restauré : libérez de l’espace et réessayez.",
	},
	"restore.errMalformed": {
		"This is not a gxwallet backup file. Nothing was restored.",
		"Das ist keine gxwallet-Sicherungsdatei. Nichts wurde wiederhergestellt.",
		"Ce n’est pas un fichier de sauvegarde gxwallet. Rien n’a été restauré.",
	},
	"restore.errOther": {
		"The backup could not be restored: %s",
		"Die Sicherung konnte nicht wiederhergestellt werden: %s",
		"La sauvegarde n’a pas pu être restaurée : %s",
	},
	"gate.hintShort": {
		"Use at least %d characters: a few unrelated words are easy to remember and hard to guess.",
		"Verwenden Sie mindestens %d Zeichen: Einige unzusammenhängende Wörter sind leicht zu merken und schwer zu erraten.",
		"Utilisez au moins %d caractères : quelques mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.",
	},
	"gate.hintDiffer": {
		"The two passphrases differ.",
		"Die beiden Passphrasen unterscheiden sich.",
		"Les deux phrases secrètes diffèrent.",
	},
	"gate.hintType": {
		"Type your passphrase.",
		"Geben Sie Ihre Passphrase ein.",
		"Saisissez votre phrase secrète.",
	},
	"gate.unavailable": {
		"Storage unavailable",
		"Speicher nicht verfügbar",
		"Stockage indisponible",
	},
	"gate.stillVerify": {
		"You can still",
		"Sie können trotzdem",
		"Vous pouvez quand même",
	},
	"gate.stillVerifyLink": {
		"verify a credential",
		"einen Nachweis prüfen",
		"vérifier une attestation",
	},
	"gate.stillVerifyEnd": {
		".",
		".",
		".",
	},
	"gate.opening": {
		"Opening your wallet…",
		"Ihre Wallet wird geöffnet…",
		"Ouverture de votre portefeuille…",
	},
	"gate.createTitle": {
		"Create your wallet",
		"Wallet erstellen",
		"Créer votre portefeuille",
	},
	"gate.createLead": {
		"Your credentials will be kept on this device only, encrypted under a passphrase you choose. A key that proves they are yours is made here and can never be copied off this device.",
		"Ihre Nachweise werden nur auf diesem Gerät aufbewahrt, verschlüsselt mit einer Passphrase Ihrer Wahl. Ein Schlüssel, der beweist, dass sie Ihnen gehören, wird hier erzeugt und kann nie von diesem Gerät kopiert werden.",
		"Vos attestations seront conservées sur cet appareil uniquement, chiffrées sous une phrase secrète de votre choix. Une clé qui prouve qu’elles sont à vous est créée ici et ne pourra jamais être copiée hors de cet appareil.",
	},
	"gate.passLabel": {
		"Passphrase (at least %d characters)",
		"Passphrase (mindestens %d Zeichen)",
		"Phrase secrète (au moins %d caractères)",
	},
	"gate.passAgain": {
		"Passphrase again",
		"Passphrase wiederholen",
		"Phrase secrète à nouveau",
	},
	"gate.createWarning": {
		"Nobody can recover a forgotten passphrase: there is no reset and no copy on a server. If you forget it, the credentials in this wallet are lost and must be issued again.",
		"Niemand kann eine vergessene Passphrase wiederherstellen: Es gibt kein Zurücksetzen und keine Kopie auf einem Server. Wenn Sie sie vergessen, sind die Nachweise in dieser Wallet verloren und müssen neu ausgestellt werden.",
		"Personne ne peut récupérer une phrase secrète oubliée : il n’y a ni réinitialisation ni copie sur un serveur. Si vous l’oubliez, les attestations de ce portefeuille sont perdues et devront être délivrées à nouveau.",
	},
	"gate.create": {
		"Create wallet",
		"Wallet erstellen",
		"Créer le portefeuille",
	},
	"gate.creating": {
		"Creating…",
		"Wird erstellt…",
		"Création…",
	},
	"gate.unlockTitle": {
		"Unlock your wallet",
		"Wallet entsperren",
		"Déverrouiller votre portefeuille",
	},
	"gate.pending": {
		"A credential from a link is waiting: unlock to add it to your wallet.",
		"Ein Nachweis aus einem Link wartet: Entsperren Sie, um ihn Ihrer Wallet hinzuzufügen.",
		"Une attestation reçue par lien attend : déverrouillez pour l’ajouter à votre portefeuille.",
	},
	"gate.passphrase": {
		"Passphrase",
		"Passphrase",
		"Phrase secrète",
	},
	"gate.unlock": {
		"Unlock",
		"Entsperren",
		"Déverrouiller",
	},
	"gate.unlocking": {
		"Unlocking…",
		"Wird entsperrt…",
		"Déverrouillage…",
	},
	"restore.hintTooLarge": {
		"That file is too large to be a gxwallet backup.",
		"Diese Datei ist zu groß für eine gxwallet-Sicherung.",
		"Ce fichier est trop volumineux pour être une sauvegarde gxwallet.",
	},
	"restore.hintFile": {
		"Choose the backup file first.",
		"Wählen Sie zuerst die Sicherungsdatei.",
		"Choisissez d’abord le fichier de sauvegarde.",
	},
	"restore.hintPass": {
		"Type the passphrase the wallet had when the backup was made.",
		"Geben Sie die Passphrase ein, die die Wallet beim Erstellen der Sicherung hatte.",
		"Saisissez la phrase secrète qu’avait le portefeuille lors de la sauvegarde.",
	},
	"restore.title": {
		"Restore from a backup",
		"Aus einer Sicherung wiederherstellen",
		"Restaurer depuis une sauvegarde",
	},
	"restore.lead": {
		"Moving to this device, or after a wipe? Choose a backup file exported from Settings and type the passphrase the wallet had when it was made. Your credentials, settings and history come back as they were.",
		"Neues Gerät oder nach dem Löschen? Wählen Sie eine in den Einstellungen exportierte Sicherungsdatei und geben Sie die Passphrase ein, die die Wallet damals hatte. Ihre Nachweise, Einstellungen und Ihr Verlauf kommen unverändert zurück.",
		"Nouvel appareil, ou après un effacement ? Choisissez un fichier de sauvegarde exporté depuis les Réglages et saisissez la phrase secrète qu’avait alors le portefeuille. Vos attestations, réglages et historique reviennent tels quels.",
	},
	"restore.keyNote": {
		"A backup cannot hold a holder key: keys never leave the device they were made on. This device makes a new one. Credentials bound to the old key come back, but cannot be presented until their issuer issues them again to the new key.",
		"Eine Sicherung kann keinen Inhaberschlüssel enthalten: Schlüssel verlassen nie das Gerät, auf dem sie erzeugt wurden. Dieses Gerät erzeugt einen neuen. An den alten Schlüssel gebundene Nachweise kommen zurück, können aber erst vorgezeigt werden, wenn ihr Aussteller sie für den neuen Schlüssel erneut ausstellt.",
		"Une sauvegarde ne peut pas contenir de clé de titulaire : les clés ne quittent jamais l’appareil où elles ont été créées. Cet appareil en crée une nouvelle. Les attestations liées à l’ancienne clé reviennent, mais ne peuvent pas être présentées tant que leur émetteur ne les a pas délivrées à nouveau pour la nouvelle clé.",
	},
	"restore.fileLabel": {
		"Backup file (.json)",
		"Sicherungsdatei (.json)",
		"Fichier de sauvegarde (.json)",
	},
	"restore.chosen": {
		"Chosen: %s",
		"Gewählt: %s",
		"Choisi : %s",
	},
	"restore.passLabel": {
		"The wallet's passphrase",
		"Die Passphrase der Wallet",
		"La phrase secrète du portefeuille",
	},
	"restore.button": {
		"Restore wallet",
		"Wallet wiederherstellen",
		"Restaurer le portefeuille",
	},
	"restore.busy": {
		"Restoring…",
		"Wird wiederhergestellt…",
		"Restauration…",
	},
	"nav.label": {
		"Main",
		"Hauptmenü",
		"Menu principal",
	},
	"nav.wallet": {
		"Wallet",
		"Wallet",
		"Portefeuille",
	},
	"nav.present": {
		"Present",
		"Vorzeigen",
		"Présenter",
	},
	"nav.history": {
		"History",
		"Verlauf",
		"Historique",
	},
	"nav.settings": {
		"Settings",
		"Einstellungen",
		"Réglages",
	},
	"nav.verify": {
		"Verify",
		"Prüfen",
		"Vérifier",
	},
	"nav.lock": {
		"Lock",
		"Sperren",
		"Verrouiller",
	},
	"shell.update": {
		"A new version of gxwallet is ready.",
		"Eine neue Version von gxwallet ist bereit.",
		"Une nouvelle version de gxwallet est prête.",
	},
	"shell.reload": {
		"Reload",
		"Neu laden",
		"Recharger",
	},
	"shell.footer": {
		"Everything runs on this device. Nothing you paste leaves it.",
		"Alles läuft auf diesem Gerät. Nichts, was Sie einfügen, verlässt es.",
		"Tout s’exécute sur cet appareil. Rien de ce que vous collez ne le quitte.",
	},
	"settings.title": {
		"Settings",
		"Einstellungen",
		"Réglages",
	},
	"settings.hintLock": {
		"The lock timeout is a number of minutes, from 0.5 to 1440.",
		"Die Sperrzeit ist eine Anzahl Minuten, von 0,5 bis 1440.",
		"Le délai de verrouillage est un nombre de minutes, de 0,5 à 1440.",
	},
	"settings.trusted": {
		"Trusted issuers",
		"Vertrauenswürdige Aussteller",
		"Émetteurs de confiance",
	},
	"settings.trustedNote": {
		"(one DID per line: credentials they issue are shown as active rather than untrusted)",
		"(ein DID pro Zeile: Von ihnen ausgestellte Nachweise gelten als aktiv statt als nicht vertrauenswürdig)",
		"(un DID par ligne : les attestations qu’ils délivrent sont affichées comme actives plutôt que non fiables)",
	},
	"settings.lockLabel": {
		"Lock after this many minutes without activity",
		"Nach so vielen Minuten ohne Aktivität sperren",
		"Verrouiller après ce nombre de minutes sans activité",
	},
	"settings.save": {
		"Save settings",
		"Einstellungen speichern",
		"Enregistrer les réglages",
	},
	"settings.saving": {
		"Saving…",
		"Wird gespeichert…",
		"Enregistrement…",
	},
	"settings.holderTitle": {
		"Your holder key",
		"Ihr Inhaberschlüssel",
		"Votre clé de titulaire",
	},
	"settings.holderNote": {
		"Credentials are bound to this key. It was made on this device, cannot be exported, and signs every presentation you make.",
		"Nachweise sind an diesen Schlüssel gebunden. Er wurde auf diesem Gerät erzeugt, kann nicht exportiert werden und signiert jede Ihrer Präsentationen.",
		"Les attestations sont liées à cette clé. Elle a été créée sur cet appareil, ne peut pas être exportée et signe chaque présentation que vous faites.",
	},
	"settings.did": {
		"DID",
		"DID",
		"DID",
	},
	"settings.jwk": {
		"Public key (JWK)",
		"Öffentlicher Schlüssel (JWK)",
		"Clé publique (JWK)",
	},
	"settings.wipeTitle": {
		"Wipe this wallet",
		"Diese Wallet löschen",
		"Effacer ce portefeuille",
	},
	"settings.wipeNote": {
		"Deletes every credential, the history and the holder key from this device. There is no undo.",
		"Löscht alle Nachweise, den Verlauf und den Inhaberschlüssel von diesem Gerät. Das lässt sich nicht rückgängig machen.",
		"Supprime toutes les attestations, l’historique et la clé de titulaire de cet appareil. C’est irréversible.",
	},
	"settings.wipe": {
		"Wipe wallet…",
		"Wallet löschen…",
		"Effacer le portefeuille…",
	},
	"settings.wipeConfirmQ": {
		"Really delete everything in this wallet?",
		"Wirklich alles in dieser Wallet löschen?",
		"Vraiment tout supprimer dans ce portefeuille ?",
	},
	"settings.wipeConfirm": {
		"Delete everything",
		"Alles löschen",
		"Tout supprimer",
	},
	"settings.cancel": {
		"Cancel",
		"Abbrechen",
		"Annuler",
	},
	"settings.langLabel": {
		"Language",
		"Sprache",
		"Langue",
	},
	"settings.langBrowser": {
		"The browser's language (%s)",
		"Sprache des Browsers (%s)",
		"Langue du navigateur (%s)",
	},
	"notice.language": {
		"Language saved.",
		"Sprache gespeichert.",
		"Langue enregistrée.",
	},
	"err.language": {
		"There is no language %q.",
		"Die Sprache %q gibt es nicht.",
		"La langue %q n’existe pas.",
	},
	"backup.title": {
		"Backup",
		"Sicherung",
		"Sauvegarde",
	},
	"backup.lead": {
		"Export one encrypted file with your credentials, settings and history, to restore this wallet on another device or after a wipe (first screen: Restore from a backup). It opens only with the passphrase this wallet has now; keep the file somewhere safe.",
		"Exportieren Sie eine verschlüsselte Datei mit Ihren Nachweisen, Einstellungen und Ihrem Verlauf, um diese Wallet auf einem anderen Gerät oder nach dem Löschen wiederherzustellen (erster Bildschirm: Aus einer Sicherung wiederherstellen). Sie lässt sich nur mit der jetzigen Passphrase dieser Wallet öffnen; bewahren Sie die Datei sicher auf.",
		"Exportez un fichier chiffré avec vos attestations, réglages et historique, pour restaurer ce portefeuille sur un autre appareil ou après un effacement (premier écran : Restaurer depuis une sauvegarde). Il ne s’ouvre qu’avec la phrase secrète actuelle de ce portefeuille ; gardez le fichier en lieu sûr.",
	},
	"backup.keyNote": {
		"The backup cannot hold your holder key: it never leaves this device. A restored wallet makes a new holder key; credentials bound to this one come back but must be issued again to the new key before you can present them.",
		"Die Sicherung kann Ihren Inhaberschlüssel nicht enthalten: Er verlässt dieses Gerät nie. Eine wiederhergestellte Wallet erzeugt einen neuen Inhaberschlüssel; an diesen hier gebundene Nachweise kommen zurück, müssen aber für den neuen Schlüssel erneut ausgestellt werden, bevor Sie sie vorzeigen können.",
		"La sauvegarde ne peut pas contenir votre clé de titulaire : elle ne quitte jamais cet appareil. Un portefeuille restauré crée une nouvelle clé de titulaire ; les attestations liées à celle-ci reviennent mais doivent être délivrées à nouveau pour la nouvelle clé avant que vous puissiez les présenter.",
	},
	"backup.export": {
		"Export backup",
		"Sicherung exportieren",
		"Exporter une sauvegarde",
	},
	"backup.busy": {
		"Encrypting…",
		"Wird verschlüsselt…",
		"Chiffrement…",
	},
	"backup.ready": {
		"Your backup is ready:",
		"Ihre Sicherung ist bereit:",
		"Votre sauvegarde est prête :",
	},
	"backup.save": {
		"save %s",
		"%s speichern",
		"enregistrer %s",
	},
	"backup.size": {
		"(%d KiB).",
		"(%d KiB).",
		"(%d Kio).",
	},
	"wallet.title": {
		"Your credentials",
		"Ihre Nachweise",
		"Vos attestations",
	},
	"wallet.add": {
		"Add a credential",
		"Nachweis hinzufügen",
		"Ajouter une attestation",
	},
	"wallet.emptyTitle": {
		"No credentials yet",
		"Noch keine Nachweise",
		"Pas encore d’attestation",
	},
	"wallet.emptyText": {
		"Credentials issued to you, such as the Gaia-X natural person party credential your employer gives you, are kept here, on this device, encrypted. When a relying party asks for a presentation, you choose which claims to show.",
		"Ihnen ausgestellte Nachweise, etwa der Gaia-X-Nachweis für natürliche Personen, den Ihr Arbeitgeber Ihnen gibt, werden hier aufbewahrt: auf diesem Gerät, verschlüsselt. Wenn eine vertrauende Partei eine Präsentation verlangt, wählen Sie, welche Angaben Sie zeigen.",
		"Les attestations qui vous sont délivrées, comme l’attestation Gaia-X de personne physique que vous remet votre employeur, sont conservées ici, sur cet appareil, chiffrées. Quand un tiers demande une présentation, vous choisissez les données à montrer.",
	},
	"wallet.addFirst": {
		"Add your first credential",
		"Ersten Nachweis hinzufügen",
		"Ajouter votre première attestation",
	},
	"wallet.otherKey": {
		"bound to an old key: have it issued again",
		"an einen alten Schlüssel gebunden: neu ausstellen lassen",
		"liée à une ancienne clé : à faire délivrer à nouveau",
	},
	"wallet.checkedAt": {
		"checked at %s",
		"geprüft am %s",
		"vérifiée le %s",
	},
	"wallet.untyped": {
		"Credential",
		"Nachweis",
		"Attestation",
	},
	"import.hintTooLarge": {
		"That file is too large to be a credential.",
		"Diese Datei ist zu groß für einen Nachweis.",
		"Ce fichier est trop volumineux pour être une attestation.",
	},
	"import.hintEmpty": {
		"Paste a credential or choose a file first.",
		"Fügen Sie zuerst einen Nachweis ein oder wählen Sie eine Datei.",
		"Collez d’abord une attestation ou choisissez un fichier.",
	},
	"import.lead": {
		"Paste a credential you were given — an SD-JWT (dc+sd-jwt, vc+sd-jwt), a vc+jwt, or a JSON-LD credential — or its https address, a credential offer or a presentation request; open it from a file, or scan its QR code. It is checked here and kept encrypted on this device.",
		"Fügen Sie einen Nachweis ein, den Sie erhalten haben — ein SD-JWT (dc+sd-jwt, vc+sd-jwt), ein vc+jwt oder einen JSON-LD-Nachweis — oder seine https-Adresse, ein Nachweisangebot oder eine Vorzeigeanfrage; öffnen Sie ihn aus einer Datei oder scannen Sie seinen QR-Code. Er wird hier geprüft und verschlüsselt auf diesem Gerät aufbewahrt.",
		"Collez une attestation que vous avez reçue — un SD-JWT (dc+sd-jwt, vc+sd-jwt), un vc+jwt ou une attestation JSON-LD — ou son adresse https, une offre d’attestation ou une demande de présentation ; ouvrez-la depuis un fichier ou scannez son code QR. Elle est vérifiée ici et conservée chiffrée sur cet appareil.",
	},
	"import.label": {
		"Credential",
		"Nachweis",
		"Attestation",
	},
	"import.file": {
		"Or a file",
		"Oder eine Datei",
		"Ou un fichier",
	},
	"import.readFrom": {
		"Read from %s",
		"Gelesen aus %s",
		"Lue depuis %s",
	},
	"import.button": {
		"Check and add",
		"Prüfen und hinzufügen",
		"Vérifier et ajouter",
	},
	"import.busy": {
		"Checking…",
		"Wird geprüft…",
		"Vérification…",
	},
	"import.done": {
		"Added %s (%s).",
		"%s hinzugefügt (%s).",
		"%s ajoutée (%s).",
	},
	"import.open": {
		"Open it",
		"Öffnen",
		"L’ouvrir",
	},
	"import.or": {
		"or",
		"oder",
		"ou",
	},
	"import.seeAll": {
		"see all your credentials",
		"alle Ihre Nachweise ansehen",
		"voir toutes vos attestations",
	},
	"cred.title": {
		"Credential",
		"Nachweis",
		"Attestation",
	},
	"cred.missing": {
		"This credential is not in your wallet.",
		"Dieser Nachweis ist nicht in Ihrer Wallet.",
		"Cette attestation n’est pas dans votre portefeuille.",
	},
	"cred.back": {
		"Back to your credentials",
		"Zurück zu Ihren Nachweisen",
		"Retour à vos attestations",
	},
	"cred.checkedAt": {
		"Checked at %s.",
		"Geprüft am %s.",
		"Vérifiée le %s.",
	},
	"cred.otherKey": {
		"This credential is bound to a holder key this wallet no longer has: the wallet was restored from a backup, and a backup cannot carry keys. It cannot be presented. Ask its issuer to issue it again to your current key (Settings shows it).",
		"Dieser Nachweis ist an einen Inhaberschlüssel gebunden, den diese Wallet nicht mehr hat: Die Wallet wurde aus einer Sicherung wiederhergestellt, und eine Sicherung kann keine Schlüssel enthalten. Er kann nicht vorgezeigt werden. Bitten Sie den Aussteller, ihn für Ihren jetzigen Schlüssel erneut auszustellen (siehe Einstellungen).",
		"Cette attestation est liée à une clé de titulaire que ce portefeuille n’a plus : il a été restauré depuis une sauvegarde, qui ne peut pas contenir de clés. Elle ne peut pas être présentée. Demandez à son émetteur de la délivrer à nouveau pour votre clé actuelle (voir Réglages).",
	},
	"cred.present": {
		"Present…",
		"Vorzeigen…",
		"Présenter…",
	},
	"cred.recheck": {
		"Re-check status",
		"Status erneut prüfen",
		"Revérifier le statut",
	},
	"cred.delete": {
		"Delete…",
		"Löschen…",
		"Supprimer…",
	},
	"cred.deleteQ": {
		"Delete this credential from this device? It cannot be undone: the issuer would have to issue it again.",
		"Diesen Nachweis von diesem Gerät löschen? Das lässt sich nicht rückgängig machen: Der Aussteller müsste ihn neu ausstellen.",
		"Supprimer cette attestation de cet appareil ? C’est irréversible : l’émetteur devrait la délivrer à nouveau.",
	},
	"cred.deleteYes": {
		"Delete it",
		"Löschen",
		"La supprimer",
	},
	"cred.deleteNo": {
		"Keep it",
		"Behalten",
		"La garder",
	},
	"cred.raw": {
		"Raw credential",
		"Nachweis im Rohformat",
		"Attestation brute",
	},
	"cred.rawNote": {
		"Added %s · %d characters · kept encrypted on this device",
		"Hinzugefügt am %s · %d Zeichen · verschlüsselt auf diesem Gerät aufbewahrt",
		"Ajoutée le %s · %d caractères · conservée chiffrée sur cet appareil",
	},
	"cred.noClaims": {
		"No claims could be read.",
		"Es konnten keine Angaben gelesen werden.",
		"Aucune donnée n’a pu être lue.",
	},
	"cred.claim": {
		"Claim",
		"Angabe",
		"Donnée",
	},
	"cred.value": {
		"Value",
		"Wert",
		"Valeur",
	},
	"history.deletedCred": {
		"(deleted credential)",
		"(gelöschter Nachweis)",
		"(attestation supprimée)",
	},
	"history.lead": {
		"Every presentation you made from this wallet: when, to whom, which claims. Each entry is chained to the one before by a hash, so an altered or removed entry shows.",
		"Jede Präsentation aus dieser Wallet: wann, an wen, welche Angaben. Jeder Eintrag ist über einen Hash mit dem vorigen verkettet, sodass ein veränderter oder entfernter Eintrag auffällt.",
		"Chaque présentation faite depuis ce portefeuille : quand, à qui, quelles données. Chaque entrée est chaînée à la précédente par une empreinte, si bien qu’une entrée modifiée ou supprimée se voit.",
	},
	"history.loading": {
		"Reading the history…",
		"Der Verlauf wird gelesen…",
		"Lecture de l’historique…",
	},
	"history.tampered": {
		"Tampered:",
		"Manipuliert:",
		"Altéré :",
	},
	"history.tamperedText": {
		"the history has been altered or entries were removed. Do not rely on it. (%s)",
		"Der Verlauf wurde verändert oder Einträge wurden entfernt. Verlassen Sie sich nicht darauf. (%s)",
		"l’historique a été modifié ou des entrées ont été supprimées. Ne vous y fiez pas. (%s)",
	},
	"history.intact": {
		"The history is intact: every entry chains to the one before.",
		"Der Verlauf ist unversehrt: Jeder Eintrag ist mit dem vorigen verkettet.",
		"L’historique est intact : chaque entrée est chaînée à la précédente.",
	},
	"history.empty": {
		"Nothing yet.",
		"Noch nichts.",
		"Rien pour l’instant.",
	},
	"history.entries": {
		"History entries",
		"Verlaufseinträge",
		"Entrées de l’historique",
	},
	"history.when": {
		"When",
		"Wann",
		"Quand",
	},
	"history.what": {
		"What",
		"Was",
		"Quoi",
	},
	"history.whom": {
		"To whom",
		"An wen",
		"À qui",
	},
	"history.cred": {
		"Credential",
		"Nachweis",
		"Attestation",
	},
	"history.claims": {
		"Claims shown",
		"Gezeigte Angaben",
		"Données montrées",
	},
	"event.present": {
		"Presented",
		"Vorgezeigt",
		"Présentée",
	},
	"event.import": {
		"Added",
		"Hinzugefügt",
		"Ajoutée",
	},
	"event.delete": {
		"Deleted",
		"Gelöscht",
		"Supprimée",
	},
	"event.restore": {
		"Restored from a backup (new holder key)",
		"Aus einer Sicherung wiederhergestellt (neuer Inhaberschlüssel)",
		"Restauré depuis une sauvegarde (nouvelle clé de titulaire)",
	},
	"present.noCopy": {
		"Copying is not available here: select the text and copy it.",
		"Kopieren ist hier nicht möglich: Markieren Sie den Text und kopieren Sie ihn.",
		"La copie n’est pas disponible ici : sélectionnez le texte et copiez-le.",
	},
	"present.copied": {
		"Copied.",
		"Kopiert.",
		"Copié.",
	},
	"present.title": {
		"Present a credential",
		"Einen Nachweis vorzeigen",
		"Présenter une attestation",
	},
	"present.lead": {
		"Choose the credential a relying party asks for. You will see who asks and choose which claims to show.",
		"Wählen Sie den Nachweis, den eine vertrauende Partei verlangt. Sie sehen, wer fragt, und wählen, welche Angaben Sie zeigen.",
		"Choisissez l’attestation qu’un tiers vous demande. Vous verrez qui la demande et choisirez les données à montrer.",
	},
	"present.none": {
		"None of your credentials can be presented claim by claim (that needs an SD-JWT credential).",
		"Keiner Ihrer Nachweise lässt sich Angabe für Angabe vorzeigen (dafür braucht es einen SD-JWT-Nachweis).",
		"Aucune de vos attestations ne peut être présentée donnée par donnée (il faut pour cela une attestation SD-JWT).",
	},
	"present.addOne": {
		"Add one",
		"Einen hinzufügen",
		"En ajouter une",
	},
	"present.who": {
		"Who is asking?",
		"Wer fragt?",
		"Qui demande ?",
	},
	"present.whoLead": {
		"Paste the request the relying party gave you, or type its audience and nonce.",
		"Fügen Sie die Anfrage der vertrauenden Partei ein oder geben Sie deren Empfänger und Nonce ein.",
		"Collez la demande que le tiers vous a donnée, ou saisissez son destinataire et son nonce.",
	},
	"present.request": {
		"Request",
		"Anfrage",
		"Demande",
	},
	"present.aud": {
		"Audience (who asks)",
		"Empfänger (wer fragt)",
		"Destinataire (qui demande)",
	},
	"present.nonce": {
		"Nonce (from their request)",
		"Nonce (aus der Anfrage)",
		"Nonce (tiré de la demande)",
	},
	"present.continue": {
		"Continue",
		"Weiter",
		"Continuer",
	},
	"consent.shareWith": {
		"Share with ",
		"Mit ",
		"Partager avec ",
	},
	"consent.shareEnd": {
		"?",
		" teilen?",
		" ?",
	},
	"consent.nonce1": {
		"They asked with the nonce ",
		"Die Anfrage trägt die Nonce ",
		"La demande porte le nonce ",
	},
	"consent.nonce2": {
		". Your presentation will only be accepted for this request. They will learn the claims you tick and who issued the credential (",
		". Ihre Präsentation wird nur für diese Anfrage angenommen. Die Gegenseite erfährt die Angaben, die Sie ankreuzen, und wer den Nachweis ausgestellt hat (",
		". Votre présentation ne sera acceptée que pour cette demande. Le destinataire apprendra les données que vous cochez et qui a délivré l’attestation (",
	},
	"consent.nonce3": {
		").",
		").",
		").",
	},
	"consent.absent": {
		"They ask for claims this credential does not have: %s.",
		"Verlangt werden Angaben, die dieser Nachweis nicht hat: %s.",
		"Sont demandées des données que cette attestation n’a pas : %s.",
	},
	"consent.always": {
		"Always part of the credential (not selectable): %s.",
		"Immer Teil des Nachweises (nicht wählbar): %s.",
		"Toujours incluses dans l’attestation (non sélectionnables) : %s.",
	},
	"consent.legend": {
		"Claims to share",
		"Zu teilende Angaben",
		"Données à partager",
	},
	"consent.noClaims": {
		"This credential has no claims to choose from.",
		"Dieser Nachweis hat keine Angaben zur Auswahl.",
		"Cette attestation n’a aucune donnée à choisir.",
	},
	"consent.requested": {
		"requested",
		"verlangt",
		"demandée",
	},
	"consent.count": {
		"You share %d of %d claims.",
		"Sie teilen %d von %d Angaben.",
		"Vous partagez %d données sur %d.",
	},
	"consent.share": {
		"Share the selected claims",
		"Ausgewählte Angaben teilen",
		"Partager les données cochées",
	},
	"consent.signing": {
		"Signing…",
		"Wird signiert…",
		"Signature…",
	},
	"consent.back": {
		"Back",
		"Zurück",
		"Retour",
	},
	"output.title": {
		"Your presentation",
		"Ihre Präsentation",
		"Votre présentation",
	},
	"output.summary": {
		"For %s, with %d claims: %s. It is in your history.",
		"Für %s, mit %d Angaben: %s. Sie steht in Ihrem Verlauf.",
		"Pour %s, avec %d données : %s. Elle figure dans votre historique.",
	},
	"output.none": {
		"none",
		"keine",
		"aucune",
	},
	"output.text": {
		"Presentation text",
		"Text der Präsentation",
		"Texte de la présentation",
	},
	"output.copy": {
		"Copy",
		"Kopieren",
		"Copier",
	},
	"output.download": {
		"Download",
		"Herunterladen",
		"Télécharger",
	},
	"output.qrSplit": {
		"The presentation is too long for one QR code: it is split across %d codes. Scan them in order; together they give the text above.",
		"Die Präsentation ist zu lang für einen QR-Code: Sie ist auf %d Codes verteilt. Scannen Sie sie der Reihe nach; zusammen ergeben sie den Text oben.",
		"La présentation est trop longue pour un seul code QR : elle est répartie sur %d codes. Scannez-les dans l’ordre ; ensemble, ils donnent le texte ci-dessus.",
	},
	"output.qr": {
		"QR code of the presentation",
		"QR-Code der Präsentation",
		"Code QR de la présentation",
	},
	"output.qrPart": {
		"QR code %d of %d",
		"QR-Code %d von %d",
		"Code QR %d sur %d",
	},
	"result.error": {
		"Could not evaluate everything: %s",
		"Nicht alles konnte ausgewertet werden: %s",
		"Tout n’a pas pu être évalué : %s",
	},
	"result.format": {
		"Format",
		"Format",
		"Format",
	},
	"result.issuer": {
		"Issuer",
		"Aussteller",
		"Émetteur",
	},
	"result.subject": {
		"Subject",
		"Subjekt",
		"Sujet",
	},
	"result.claims": {
		"Claims",
		"Angaben",
		"Données",
	},
	"result.claimsJSON": {
		"Claims as JSON",
		"Angaben als JSON",
		"Données en JSON",
	},
	"result.notVerified": {
		"Not verified: do not rely on these claims.",
		"Nicht geprüft: Verlassen Sie sich nicht auf diese Angaben.",
		"Non vérifiées : ne vous fiez pas à ces données.",
	},
	"result.checks": {
		"Checks",
		"Prüfungen",
		"Contrôles",
	},
	"result.check": {
		"Check",
		"Prüfung",
		"Contrôle",
	},
	"result.result": {
		"Result",
		"Ergebnis",
		"Résultat",
	},
	"result.code": {
		"Code",
		"Code",
		"Code",
	},
	"result.detail": {
		"Detail",
		"Einzelheiten",
		"Détail",
	},
	"result.nested": {
		"Credentials in this presentation",
		"Nachweise in dieser Präsentation",
		"Attestations de cette présentation",
	},
	"status.active": {
		"active",
		"aktiv",
		"active",
	},
	"status.expired": {
		"expired",
		"abgelaufen",
		"expirée",
	},
	"status.revoked": {
		"revoked",
		"widerrufen",
		"révoquée",
	},
	"status.suspended": {
		"suspended",
		"gesperrt",
		"suspendue",
	},
	"status.deprecated": {
		"deprecated",
		"ersetzt",
		"remplacée",
	},
	"status.invalid": {
		"invalid",
		"ungültig",
		"invalide",
	},
	"status.untrusted": {
		"untrusted",
		"nicht vertrauenswürdig",
		"non fiable",
	},
	"statusText.active": {
		"Sound, from a trusted issuer, within its validity period, neither revoked nor suspended.",
		"Einwandfrei, von einem vertrauenswürdigen Aussteller, innerhalb der Gültigkeitsdauer, weder widerrufen noch gesperrt.",
		"Intègre, d’un émetteur de confiance, dans sa période de validité, ni révoquée ni suspendue.",
	},
	"statusText.expired": {
		"Its validity period has ended, or the signing key's certificate has expired.",
		"Die Gültigkeitsdauer ist abgelaufen, oder das Zertifikat des Signaturschlüssels ist abgelaufen.",
		"Sa période de validité est terminée, ou le certificat de la clé de signature a expiré.",
	},
	"statusText.revoked": {
		"The issuer has revoked it, or the signing key is no longer in the issuer's DID document.",
		"Der Aussteller hat ihn widerrufen, oder der Signaturschlüssel steht nicht mehr im DID-Dokument des Ausstellers.",
		"L’émetteur l’a révoquée, ou la clé de signature ne figure plus dans le document DID de l’émetteur.",
	},
	"statusText.suspended": {
		"The issuer has suspended it.",
		"Der Aussteller hat ihn gesperrt.",
		"L’émetteur l’a suspendue.",
	},
	"statusText.deprecated": {
		"A newer credential with the same id and issuer replaces it.",
		"Ein neuerer Nachweis mit derselben Kennung und demselben Aussteller ersetzt ihn.",
		"Une attestation plus récente avec le même identifiant et le même émetteur la remplace.",
	},
	"statusText.invalid": {
		"It is malformed, not yet valid, or its proof does not verify.",
		"Er ist fehlerhaft, noch nicht gültig, oder sein Beweis lässt sich nicht bestätigen.",
		"Elle est mal formée, pas encore valide, ou sa preuve ne se vérifie pas.",
	},
	"statusText.untrusted": {
		"It is sound, but its issuer is not one you trust. Add the issuer's DID above to trust it.",
		"Er ist einwandfrei, aber sein Aussteller gehört nicht zu denen, denen Sie vertrauen. Fügen Sie oben den DID des Ausstellers hinzu, um ihm zu vertrauen.",
		"Elle est intègre, mais son émetteur ne fait pas partie de ceux en qui vous avez confiance. Ajoutez le DID de l’émetteur ci-dessus pour lui faire confiance.",
	},
	"statusText.unknown": {
		"Unknown status.",
		"Unbekannter Status.",
		"Statut inconnu.",
	},
	"check.pass": {
		"ok",
		"ok",
		"ok",
	},
	"check.fail": {
		"fail",
		"fehlgeschlagen",
		"échec",
	},
	"check.skipped": {
		"skipped",
		"übersprungen",
		"ignoré",
	},
	"check.indeterminate": {
		"indeterminate",
		"unbestimmt",
		"indéterminé",
	},
	"verify.bundleTooLarge": {
		"That bundle is too large.",
		"Dieses Bündel ist zu groß.",
		"Ce lot est trop volumineux.",
	},
	"verify.button": {
		"Verify",
		"Prüfen",
		"Vérifier",
	},
	"verify.busy": {
		"Verifying…",
		"Wird geprüft…",
		"Vérification…",
	},
	"verify.title": {
		"Verify a credential",
		"Einen Nachweis prüfen",
		"Vérifier une attestation",
	},
	"verify.lead": {
		"Paste a credential or presentation as a compact JWT (vc+jwt, vp+jwt) or as JSON. It is checked here, on this device: nothing is sent anywhere.",
		"Fügen Sie einen Nachweis oder eine Präsentation als kompaktes JWT (vc+jwt, vp+jwt) oder als JSON ein. Er wird hier auf diesem Gerät geprüft: Nichts wird irgendwohin gesendet.",
		"Collez une attestation ou une présentation sous forme de JWT compact (vc+jwt, vp+jwt) ou de JSON. Elle est vérifiée ici, sur cet appareil : rien n’est envoyé nulle part.",
	},
	"verify.trustedNote": {
		"(optional, one DID per line)",
		"(optional, ein DID pro Zeile)",
		"(facultatif, un DID par ligne)",
	},
	"verify.bundle": {
		"Offline bundle",
		"Offline-Bündel",
		"Lot hors ligne",
	},
	"verify.bundleNote": {
		"(optional: DID documents and status lists saved with gxwallet bundle create)",
		"(optional: mit gxwallet bundle create gespeicherte DID-Dokumente und Statuslisten)",
		"(facultatif : documents DID et listes de statut enregistrés avec gxwallet bundle create)",
	},
	"verify.using": {
		"Using %s",
		"Verwendet: %s",
		"Utilise %s",
	},
}
