package app

// passkeyMessages are the texts of the passkey flows (passkey.go), in
// lang order like catalogue, which they join at start-up.
var passkeyMessages = map[string][numLangs]string{
	"err.passkeyUnsupported": {
		"This browser or device cannot unlock a wallet with a passkey (it needs WebAuthn with the PRF extension). Your passphrase still works.",
		"Dieser Browser oder dieses Gerät kann eine Wallet nicht mit einem Passkey entsperren (dazu braucht es WebAuthn mit der PRF-Erweiterung). Ihre Passphrase funktioniert weiterhin.",
		"Ce navigateur ou cet appareil ne peut pas déverrouiller un portefeuille avec une clé d’accès (il faut WebAuthn avec l’extension PRF). Votre phrase secrète fonctionne toujours.",
	},
	"err.passkeyRefused": {
		"The passkey was not used: it was cancelled, timed out, or is not on this device. Unlock with your passphrase instead.",
		"Der Passkey wurde nicht verwendet: Der Vorgang wurde abgebrochen, ist abgelaufen, oder der Passkey ist nicht auf diesem Gerät. Entsperren Sie stattdessen mit Ihrer Passphrase.",
		"La clé d’accès n’a pas été utilisée : l’opération a été annulée, a expiré, ou la clé n’est pas sur cet appareil. Déverrouillez plutôt avec votre phrase secrète.",
	},
	"err.passkeyWrong": {
		"That passkey does not open this wallet. Unlock with your passphrase.",
		"Dieser Passkey öffnet diese Wallet nicht. Entsperren Sie mit Ihrer Passphrase.",
		"Cette clé d’accès n’ouvre pas ce portefeuille. Déverrouillez avec votre phrase secrète.",
	},
	"err.noPasskey": {
		"No passkey opens this wallet any more. Unlock with your passphrase.",
		"Kein Passkey öffnet diese Wallet mehr. Entsperren Sie mit Ihrer Passphrase.",
		"Plus aucune clé d’accès n’ouvre ce portefeuille. Déverrouillez avec votre phrase secrète.",
	},
	"notice.passkeyAdded": {
		"Passkey added: you can now unlock the wallet with it.",
		"Passkey hinzugefügt: Sie können die Wallet jetzt damit entsperren.",
		"Clé d’accès ajoutée : vous pouvez maintenant déverrouiller le portefeuille avec elle.",
	},
	"notice.passkeyRemoved": {
		"Passkey removed: it no longer unlocks this wallet.",
		"Passkey entfernt: Er entsperrt diese Wallet nicht mehr.",
		"Clé d’accès retirée : elle ne déverrouille plus ce portefeuille.",
	},
	"passkey.unlock": {
		"Unlock with passkey",
		"Mit Passkey entsperren",
		"Déverrouiller avec une clé d’accès",
	},
	"passkey.waiting": {
		"Waiting for the passkey…",
		"Warten auf den Passkey …",
		"En attente de la clé d’accès…",
	},
	"passkey.title": {
		"Passkeys",
		"Passkeys",
		"Clés d’accès",
	},
	"passkey.lead": {
		"A passkey (your fingerprint, face or device PIN) can unlock this wallet instead of typing the passphrase. The passphrase keeps working.",
		"Ein Passkey (Fingerabdruck, Gesicht oder Geräte-PIN) kann diese Wallet entsperren, ohne dass Sie die Passphrase eingeben. Die Passphrase funktioniert weiterhin.",
		"Une clé d’accès (empreinte, visage ou code de l’appareil) peut déverrouiller ce portefeuille sans saisir la phrase secrète. La phrase secrète fonctionne toujours.",
	},
	"passkey.none": {
		"No passkey unlocks this wallet yet.",
		"Noch kein Passkey entsperrt diese Wallet.",
		"Aucune clé d’accès ne déverrouille encore ce portefeuille.",
	},
	"passkey.unsupported": {
		"This browser cannot unlock a wallet with a passkey (it lacks WebAuthn with the PRF extension).",
		"Dieser Browser kann eine Wallet nicht mit einem Passkey entsperren (ihm fehlt WebAuthn mit der PRF-Erweiterung).",
		"Ce navigateur ne peut pas déverrouiller un portefeuille avec une clé d’accès (il lui manque WebAuthn avec l’extension PRF).",
	},
	"passkey.item": {
		"Passkey added %s",
		"Passkey hinzugefügt am %s",
		"Clé d’accès ajoutée le %s",
	},
	"passkey.remove": {
		"Remove",
		"Entfernen",
		"Retirer",
	},
	"passkey.removeLabel": {
		"Remove the passkey added %s",
		"Den am %s hinzugefügten Passkey entfernen",
		"Retirer la clé d’accès ajoutée le %s",
	},
	"passkey.add": {
		"Add a passkey",
		"Passkey hinzufügen",
		"Ajouter une clé d’accès",
	},
	"passkey.passLabel": {
		"Your passphrase (asked again before adding a way to unlock)",
		"Ihre Passphrase (wird vor dem Hinzufügen einer Entsperrmethode erneut abgefragt)",
		"Votre phrase secrète (demandée à nouveau avant d’ajouter un moyen de déverrouillage)",
	},
	"passkey.addNote": {
		"Your browser then asks you to create a passkey for gxwallet and to confirm it with your fingerprint, face or device PIN.",
		"Ihr Browser bittet Sie dann, einen Passkey für gxwallet zu erstellen und ihn mit Fingerabdruck, Gesicht oder Geräte-PIN zu bestätigen.",
		"Votre navigateur vous demande ensuite de créer une clé d’accès pour gxwallet et de la confirmer par empreinte, visage ou code de l’appareil.",
	},
	"passkey.confirm": {
		"Add the passkey",
		"Passkey hinzufügen",
		"Ajouter la clé d’accès",
	},
	"passkey.cancel": {
		"Cancel",
		"Abbrechen",
		"Annuler",
	},
	"passkey.hintPass": {
		"Type your passphrase first.",
		"Geben Sie zuerst Ihre Passphrase ein.",
		"Saisissez d’abord votre phrase secrète.",
	},
	"passkey.backupNote": {
		"Backups do not include passkeys: a wallet restored on another device opens with its passphrase, and you add a passkey there again.",
		"Sicherungen enthalten keine Passkeys: Eine auf einem anderen Gerät wiederhergestellte Wallet öffnet sich mit ihrer Passphrase, und Sie fügen dort erneut einen Passkey hinzu.",
		"Les sauvegardes ne contiennent pas de clés d’accès : un portefeuille restauré sur un autre appareil s’ouvre avec sa phrase secrète, et vous y ajoutez à nouveau une clé d’accès.",
	},
	"passkey.restoreNote": {
		"A passkey of the old device does not open the restored wallet: use the backup's passphrase, then add a passkey in Settings.",
		"Ein Passkey des alten Geräts öffnet die wiederhergestellte Wallet nicht: Verwenden Sie die Passphrase der Sicherung und fügen Sie dann in den Einstellungen einen Passkey hinzu.",
		"Une clé d’accès de l’ancien appareil n’ouvre pas le portefeuille restauré : utilisez la phrase secrète de la sauvegarde, puis ajoutez une clé d’accès dans les réglages.",
	},
}

func init() {
	for k, v := range passkeyMessages {
		if _, dup := catalogue[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		catalogue[k] = v
	}
}
