import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * The stage's cursor secret, read from Secrets Manager once per container (on the first list
 * request that needs it: core asks once and keeps the derived key). The stack generates the value
 * at deploy (infra/lib/api-stack.ts) and grants only the list functions read access.
 */
export function secretReader(arn: string): () => Promise<string> {
  return async () => {
    const client = new SecretsManagerClient({});
    try {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (!SecretString) throw new Error(`the cursor secret ${arn} has no value`);
      return SecretString;
    } finally {
      client.destroy();
    }
  };
}
