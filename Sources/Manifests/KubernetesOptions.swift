/// What `rehearse k8s` was asked for, besides the profile.
public struct KubernetesOptions: Sendable, Equatable {
    /// Pods, one segment each: `completions = parallelism = instances`.
    public var instances: Int
    public var image: String
    /// CPU request and limit per pod (`2`, `500m`); the pod runs one worker thread per whole core.
    public var cpu: String
    public var memory: String
    /// A Secret whose keys become the pods' environment (the variables the profile reads); referenced by name.
    public var secret: String?
    /// A Secret holding the CSV files of roles with secret fields, keyed as `kubectl create secret generic --from-file`
    /// names them (the file name); mounted beside the ConfigMap's files.
    public var filesSecret: String?
    public var namespace: String?
    /// When every pod starts the load (ISO 8601, UTC): they prepare, then wait for it.
    public var startAt: String
    /// Seconds from the manifests' making to `startAt`, to size the Job's deadline.
    public var startDelaySeconds: Int
    /// One seed for every segment: the whole distributed run can be repeated.
    public var seed: UInt64
    /// The pods' `/metrics` port for Prometheus (nil: none).
    public var metricsPort: Int?

    public init(
        instances: Int, image: String, cpu: String, memory: String, secret: String?, filesSecret: String?,
        namespace: String?, startAt: String, startDelaySeconds: Int, seed: UInt64, metricsPort: Int?
    ) {
        self.instances = instances
        self.image = image
        self.cpu = cpu
        self.memory = memory
        self.secret = secret
        self.filesSecret = filesSecret
        self.namespace = namespace
        self.startAt = startAt
        self.startDelaySeconds = startDelaySeconds
        self.seed = seed
        self.metricsPort = metricsPort
    }

    /// Worker threads for `cpu`: its whole cores, at least one.
    public var workers: Int {
        if cpu.hasSuffix("m") { return max(1, (Int(cpu.dropLast()) ?? 1000) / 1000) }
        return max(1, Int(Double(cpu) ?? 1))
    }
}
