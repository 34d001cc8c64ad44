package cn.shuangcheng.reporting.web;

import java.util.List;

/** A page of a list, as every list of the API answers: {@code {items, page, size, total}}. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
