/// Where a setting's value came from. Flags beat the environment, which
/// beats the defaults.
public enum ConfigurationSource: String, Hashable, Sendable {
  case `default`
  case environment = "env"
  case flag
}
