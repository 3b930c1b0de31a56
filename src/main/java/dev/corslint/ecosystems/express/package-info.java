/**
 * Node.js servers and their front ends, in the common policy model.
 *
 * <p><b>What is covered.</b> Express 4 and 5 with the {@code cors} package (2.8.x: every option, the options
 * delegate, origin functions, the package's defaults and its {@code Vary} handling) and with hand-written
 * headers ({@code res.setHeader}, {@code res.header}, {@code res.set} with an object, {@code res.append},
 * {@code res.writeHead}, {@code res.vary}); NestJS ({@code NestFactory.create(..., { cors })},
 * {@code app.enableCors}, controllers with {@code @Get}/{@code @Put}/... and {@code @Headers}, global prefix),
 * whose options go to the same package; Next.js {@code headers()} in {@code next.config.*}; front-end
 * {@code fetch} and axios calls (instances, {@code baseURL}, {@code withCredentials}, request interceptors) that
 * target the repository's own routes. Not covered: {@code @fastify/cors}, {@code @koa/cors}.
 *
 * <p><b>How.</b> {@link dev.corslint.ecosystems.express.JsParser} parses {@code .js/.mjs/.cjs/.jsx} with the
 * tree-sitter JavaScript grammar and {@code .ts/.mts/.cts} with the TypeScript grammar; {@code .tsx} has no
 * grammar in the artifact and is parsed with the TypeScript grammar, or with the JavaScript grammar (which
 * knows JSX) when that leaves fewer syntax errors, with a notice either way. Trees are copied out of native
 * memory at once. {@link dev.corslint.ecosystems.express.Interpreter} evaluates what the code says statically
 * (constants, imports between the repository's modules, spreads, templates, {@code push}) and runs handler
 * functions symbolically, so that conditions on the request origin become
 * {@link dev.corslint.ecosystems.express.OriginPredicate}s. {@link dev.corslint.ecosystems.express.AppBuilder}
 * records every {@code use} and route in registration order, and
 * {@link dev.corslint.ecosystems.express.ExpressSimulator} answers a request the way Express does, with
 * {@link dev.corslint.ecosystems.express.CorsPackage} standing in for the {@code cors} package. Each CORS
 * layer becomes one {@link dev.corslint.ecosystems.express.ExpressPolicy} whose {@code respond} runs the whole
 * application. Production is what is judged: branches on {@code NODE_ENV} that only run in development make
 * development scopes of their own.
 *
 * <p><b>Limits.</b> Values from the environment, from packages and from code the analysis cannot follow are
 * unknown, never guessed, and reported as notices. A middleware that may answer before the request reaches
 * later layers (authentication, say) makes the status, and whatever later layers write, unknown for the
 * requests it concerns; a route handler whose answer depends on data answers with the status the request
 * carries as {@code handlerStatus}. Registrations inside functions that receive the application
 * ({@code require('./routes')(app)}) are followed four calls deep; registrations on an application stored in
 * an object or passed through packages are not.
 */
package dev.corslint.ecosystems.express;
