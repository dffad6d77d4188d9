package dev.slipway.cli.scopemap;

import static dev.slipway.cli.support.Table.field;
import static dev.slipway.cli.support.Table.time;

import dev.slipway.cli.support.Table;

final class ScopeMapTables {
    static final Table SCOPE_MAPS = Table.of(field("NAME", "name"), field("TYPE", "type"), time("CREATION DATE", "creationDate"),
            field("DESCRIPTION", "description"));

    private ScopeMapTables() { }
}
