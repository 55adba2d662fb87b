"""Version control: the only part of editorial that runs git or imports GitPython."""
