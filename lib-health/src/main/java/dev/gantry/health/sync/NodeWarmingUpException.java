package dev.gantry.health.sync;

/**
 * The node answered, but says it is still starting: loading its block index, verifying blocks,
 * rewinding. It is up and will serve once it is done, so {@link SyncCheck} reports it as
 * {@value SyncCheck#WARMING_UP}, not as a node that cannot be read.
 *
 * <p>Raised by the bitcoin source for Bitcoin Core's JSON-RPC error -28 ({@code RPC_IN_WARMUP},
 * "Client still warming up", in {@code src/rpc/protocol.h}), which {@code CRPCTable::execute}
 * returns for every call while the node starts, with messages such as "Loading block index…"
 * or "Verifying blocks…". A source of your own may raise it for its family's equivalent.
 */
public class NodeWarmingUpException extends SyncSourceException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param source the source's name
     * @param problem what the node said, e.g. {@code RPC getblockchaininfo failed with error -28: Loading block index…}
     */
    public NodeWarmingUpException(String source, String problem) {
        super(source, problem);
    }
}
