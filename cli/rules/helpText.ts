import { DEFAULT_REGION, DEFAULT_TABLE } from './openRouteTable';

export const HELP_TEXT = `Usage: npm run rules -- <command> [options]

Manage the routing rules (route documents) of Kazoo Pivot, one item per route in DynamoDB.
Route files are JSON or YAML (.yaml, .yml); see examples/ and schemas/route.schema.json.

Commands:
  validate <files...>   check route files; errors name file, route, rule and field
  push <files...>       validate all, then write them; shows created / updated (what changed) / unchanged.
                        Nothing is written when any file is invalid.
  diff <files...>       compare local files with the table: created / changed (every changed path) / unchanged
  pull <route>          print the stored route as JSON (--out FILE writes it; .yaml/.yml writes YAML)
  list                  print the stored route ids
  delete <route>        remove a route (requires --yes)

Options:
  --table NAME          DynamoDB table (default: env TABLE_NAME, else ${DEFAULT_TABLE})
  --region REGION       AWS region (default: env AWS_REGION, else ${DEFAULT_REGION})
  --endpoint URL        a local DynamoDB, e.g. http://127.0.0.1:8000; \`npm start\` prints its endpoint.
                        Without it the real DynamoDB is used with your AWS credentials (default chain:
                        env, AWS_PROFILE, SSO, role).
  -o, --out FILE        pull: write to FILE instead of stdout
  -y, --yes             delete: confirm
  -h, --help            this text

Exit codes: 0 done, 1 invalid input / missing route / store failure, 2 bad command line.

Examples:
  npm run rules -- validate examples/*.json
  npm run rules -- push examples/*.json --endpoint http://127.0.0.1:8000
  npm run rules -- diff routes/main-number.yaml --table kazoo-pivot-prod --region eu-west-1
  npm run rules -- pull main-number --out main-number.json
`;
