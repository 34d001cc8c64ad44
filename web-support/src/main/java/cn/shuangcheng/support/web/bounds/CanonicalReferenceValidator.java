package cn.shuangcheng.support.web.bounds;

import cn.shuangcheng.kernel.NaturalKeyIds;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CanonicalReference} with {@link NaturalKeyIds#isCanonicalKey}. */
public class CanonicalReferenceValidator implements ConstraintValidator<CanonicalReference, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || NaturalKeyIds.isCanonicalKey(value);
    }
}
