package org.p2gate.master.store;

import org.p2gate.master.MasterStore;

class InMemoryMasterStoreTest extends MasterStoreContractTest {

    @Override
    protected MasterStore create(StoreSettings settings) {
        return new InMemoryMasterStore(settings);
    }

    /** Nothing on disk: the same store stands for the reopened one. */
    @Override
    protected MasterStore reopen(MasterStore store) {
        return store;
    }
}
