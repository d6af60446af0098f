// Machine-readable output: exactly the result shape (issue #3), as JSON or YAML.
import * as yaml from 'js-yaml'

export const renderJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
export const renderYaml = (value: unknown) => yaml.dump(value, { noRefs: true, lineWidth: -1, sortKeys: false })
