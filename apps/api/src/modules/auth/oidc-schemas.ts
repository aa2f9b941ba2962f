/**
 * The one request shape of single sign-on that is ours to define (the
 * callback's parameters are the provider's, read by openid-client). Kept
 * beside the routes since the web app never builds this request itself: it
 * only navigates to the address. It belongs in packages/contract/src/auth.ts
 * when that file is next open.
 */
import { z } from "zod";

// No component id: a query's schema is spread into parameters, which a $ref cannot be.
export const ZOidcLoginQuery = z.object({
  // Any text: an unsafe or odd value is replaced by "/" (a refusal would strand the person on a JSON error).
  returnTo: z.string().optional().meta({ description: "Chemin de ce site où revenir une fois connecté, par exemple /rapports." }),
});
export type TOidcLoginQuery = z.infer<typeof ZOidcLoginQuery>;
