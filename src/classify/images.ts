// What well-known images run when the spec gives no `command` (ref §8 step 6 image names).
// `entrypoint` is the image's ENTRYPOINT (args are appended); images without one run `args`
// as the command, or their CMD when there are no args.

export interface ImageInfo {
  entrypoint?: string[]
  cmd?: string[]
}

/** Repository (registry, `library/`, tag and digest removed) → what the image runs. */
const IMAGES: [RegExp, ImageInfo][] = [
  [/^(busybox|alpine|debian|ubuntu|centos|fedora|rockylinux|almalinux|amazonlinux|(.*\/)?busybox|(.*\/)?alpine|bitnami\/(os-shell|bitnami-shell|minideb)|ubi\d*\/ubi(-minimal|-micro)?|(.*\/)?ubi\d*(-minimal)?)$/, { cmd: ['sh'] }],
  [/^(python|node|ruby|perl|php|golang|openjdk|eclipse-temurin|amazoncorretto|postgres|bitnami\/postgresql|mysql|bitnami\/mysql|mariadb|bitnami\/mariadb|redis|bitnami\/redis|mongo|bitnami\/mongodb|bash)$/, {}],
  [/(^|\/)curl$/, { entrypoint: ['curl'] }],
  [/^(alpine\/git|bitnami\/git)$/, { entrypoint: ['git'] }],
  [/(^|\/)(kubectl|k8s-kubectl|kubernetes-kubectl|k8s)$/, { entrypoint: ['kubectl'] }],
  [/(^|\/)k8s-wait-for$/, { entrypoint: ['wait_for.sh'] }],
  [/(^|\/)git-sync$/, { entrypoint: ['git-sync'] }],
  [/(^|\/)vault$/, { entrypoint: ['vault'], cmd: ['server', '-dev'] }],
  [/(^|\/)flyway$/, { entrypoint: ['flyway'] }],
  [/(^|\/)liquibase$/, { entrypoint: ['liquibase'] }],
  [/^migrate\/migrate$/, { entrypoint: ['migrate'] }],
  [/(^|\/)dbmate$/, { entrypoint: ['dbmate'] }],
  [/(^|\/)atlas$/, { entrypoint: ['atlas'] }],
  [/(^|\/)aws-cli$/, { entrypoint: ['aws'] }],
  [/(^|\/)(cloud-sdk|google-cloud-cli)$/, {}],
  [/(^|\/)azure-cli$/, {}],
  [/(^|\/)rclone$/, { entrypoint: ['rclone'] }],
  [/^minio\/mc$/, { entrypoint: ['mc'] }],
  [/(^|\/)dockerize$/, { entrypoint: ['dockerize'] }],
  [/(^|\/)wait4x$/, { entrypoint: ['wait4x'] }],
  [/(^|\/)helm$/, { entrypoint: ['helm'] }],
  [/(^|\/)storage-initializer$/, { entrypoint: ['storage-initializer'] }],
  [/(^|\/)cloud-sql-proxy$/, { entrypoint: ['cloud-sql-proxy'] }],
  [/(^|\/)gce-proxy$/, { entrypoint: ['cloud_sql_proxy'] }],
  [/(^|\/)k8s-sidecar$/, { entrypoint: ['k8s-sidecar'] }],
  [/(^|\/)falcoctl$/, { entrypoint: ['falcoctl'] }],
  [/(^|\/)falco-driver-loader$/, { entrypoint: ['falcoctl', 'driver', 'install'] }],
  [/(^|\/)argoexec$/, { entrypoint: ['argoexec'] }],
  [/(^|\/)consul-k8s-control-plane$/, { entrypoint: ['consul-k8s-control-plane'] }],
  [/(^|\/)(busybox-curl|netshoot)$/, {}],
]

export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase().replace(/@sha256:.*$/, '')
  const slash = ref.lastIndexOf('/')
  const colon = ref.lastIndexOf(':')
  if (colon > slash) ref = ref.slice(0, colon)
  const parts = ref.split('/')
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) parts.shift()
  if (parts[0] === 'library') parts.shift()
  return parts.join('/')
}

export function imageInfo(image: string | undefined): ImageInfo | undefined {
  if (!image) return undefined
  const repo = imageRepository(image)
  return IMAGES.find(([re]) => re.test(repo))?.[1]
}
