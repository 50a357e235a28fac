public enum GafferServicePlaceholder {}
