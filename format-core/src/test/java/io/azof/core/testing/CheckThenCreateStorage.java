package io.azof.core.testing;

import io.azof.core.io.TableStorage;
import java.io.IOException;

/**
 * The negative control of race tests: "create if absent" done as check, then write, as S3A's
 * {@code create(overwrite=false)} does it. Two writers can both see the file absent and both "create" it, the last one's
 * content winning. A race test that passes with this storage cannot tell atomic creation from its absence.
 */
public final class CheckThenCreateStorage extends ForwardingStorage {
    public CheckThenCreateStorage(TableStorage delegate) {
        super(delegate);
    }

    @Override
    public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
        if (delegate.exists(relativePath)) {
            return false;
        }
        Thread.yield();
        delegate.writeAll(relativePath, content);
        return true;
    }
}
