package store_test

import (
	"context"
	"fmt"

	"github.com/gxwallet/gxwallet/core/store"
)

func Example() {
	ctx := context.Background()
	kv := new(store.MemKV) // IndexedDB in the browser
	w, err := store.Create(ctx, kv, store.StdCrypto{}, []byte("a long passphrase"), store.Options{})
	if err != nil {
		panic(err)
	}
	err = w.Update(ctx, func(tx *store.RecordTx) error {
		return tx.Put(store.TypeCredential, "c1", store.Credential{Format: "vc+jwt", Raw: "eyJ…"})
	})
	if err != nil {
		panic(err)
	}
	w.Lock()

	_, err = store.Unlock(ctx, kv, store.StdCrypto{}, []byte("wrong"))
	fmt.Println(err)
	w, _ = store.Unlock(ctx, kv, store.StdCrypto{}, []byte("a long passphrase"))
	var c store.Credential
	_ = w.Get(ctx, store.TypeCredential, "c1", &c)
	fmt.Println(c.Format)
	// Output:
	// store: unlock: wrong passphrase
	// vc+jwt
}
