// Proves an account exists the way a client does: log in over the XMPP WebSocket with @xmpp/client,
// SASL SCRAM-SHA-1 only (PLAIN is refused here even where the server offers it).
import WS from "ws";
import { client } from "@xmpp/client";

// Node 20 has no global WebSocket; @xmpp/websocket uses the global one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WS;

export interface Login {
  jid: string;
  mechanism: string;
}

export async function login(service: string, domain: string, username: string, password: string): Promise<Login> {
  let mechanism = "";
  const xmpp = client({
    service,
    domain,
    resource: "e2e",
    credentials: async (authenticate, mechanisms) => {
      if (!mechanisms.includes("SCRAM-SHA-1")) throw new Error(`server offers no SCRAM-SHA-1 (only ${mechanisms.join(", ")})`);
      mechanism = "SCRAM-SHA-1";
      await authenticate({ username, password }, mechanism);
    },
  });
  xmpp.reconnect.stop();
  xmpp.on("error", () => {
    /* reported through start()'s rejection */
  });
  try {
    const address = await xmpp.start();
    return { jid: address.toString().split("/")[0] as string, mechanism };
  } finally {
    xmpp.reconnect.stop();
    await xmpp.stop().catch(() => {});
  }
}
