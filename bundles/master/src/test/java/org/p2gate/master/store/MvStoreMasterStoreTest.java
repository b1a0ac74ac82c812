package org.p2gate.master.store;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.MasterStore;

/** The contract on the MVStore file; reopening closes the file and opens it again. */
class MvStoreMasterStoreTest extends MasterStoreContractTest {

    @TempDir
    Path folder;

    private final Map<MasterStore, StoreSettings> settingsOf = new IdentityHashMap<>();
    private int stores;

    @Override
    protected MasterStore create(StoreSettings settings) {
        MasterStore store = MvStoreMasterStore.open(folder.resolve("store-" + stores++), settings);
        settingsOf.put(store, settings);
        return store;
    }

    @Override
    protected MasterStore reopen(MasterStore store) {
        store.close();
        Path data = Path.of(store.toString().replaceFirst("^MvStoreMasterStore\\[(.*)\\]$", "$1")).getParent();
        MasterStore again = MvStoreMasterStore.open(data, settingsOf.get(store));
        settingsOf.put(again, settingsOf.get(store));
        return again;
    }
}
