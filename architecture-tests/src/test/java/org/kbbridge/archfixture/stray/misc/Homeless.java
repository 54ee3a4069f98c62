package org.kbbridge.archfixture.stray.misc;

public class Homeless {
}
