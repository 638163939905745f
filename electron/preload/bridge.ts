/** The shape of `window.lexbone`: the `Api` methods, each resolving to the wire `Result`. Types only. */
import type { ApiRequest, ApiResponses } from '../contract/api';
import type { Result } from '../contract/errors';
import type { ApiMethod } from '../contract/methods';

export type LexboneBridge = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<Result<ApiResponses[M]>> };
