import { TestWorkflowEnvironment } from '@temporalio/testing';
import proto from '@temporalio/proto';
import { journeySearchAttributes } from '../journey/search-attributes';

// The proto package is CommonJS: reach the enum through its default export.
const { IndexedValueType } = proto.temporal.api.enums.v1;
/** gRPC status code 6 (we do not depend on @grpc/grpc-js directly for one constant). */
const grpcAlreadyExists = 6;
const indexedType: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * The Java time-skipping server through `existing-path` (never a download), with the
 * journeys' search attributes registered: `createTimeSkipping` cannot pass them as flags.
 *
 * The SDK gives the server 5 s to answer gRPC. The JVM answers in about 1.5 s on an idle
 * 2-core machine but nearer 3 s when test files run in parallel beside it, so a start that
 * misses the window is tried again (the page cache is warm by then) before giving up.
 */
export async function startTimeSkippingEnvironment(executablePath: string): Promise<TestWorkflowEnvironment> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: executablePath } },
      });
      await registerSearchAttributes(env);
      return env;
    } catch (error) {
      const slowStart = error instanceof Error && /did not start within/i.test(error.message);
      if (!slowStart || attempt >= attempts) throw error;
    }
  }
}

async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  for (const key of journeySearchAttributes) {
    try {
      await env.connection.operatorService.addSearchAttributes({
        namespace: env.namespace ?? 'default',
        searchAttributes: { [key.name]: indexedType[key.type]! },
      });
    } catch (error) {
      // A second environment on the same server, or a re-run: already there is fine.
      if ((error as { code?: number }).code !== grpcAlreadyExists) throw error;
    }
  }
}
