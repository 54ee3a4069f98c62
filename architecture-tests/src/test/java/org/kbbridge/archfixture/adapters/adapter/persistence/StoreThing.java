package org.kbbridge.archfixture.adapters.adapter.persistence;

public class StoreThing {
}
