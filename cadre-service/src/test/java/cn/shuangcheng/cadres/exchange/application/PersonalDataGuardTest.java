package cn.shuangcheng.cadres.exchange.application;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.kernel.RuleViolatedException;

class PersonalDataGuardTest {

    private static final CadreIdentity CADRE = new CadreIdentity("cadre-1", "蒲杰", "SC-2022-0417");

    @ParameterizedTest
    @ValueSource(strings = {"蒲杰牵头对接融资", "工号 SC-2022-0417", "工号 sc-2022-0417", "工号 ＳＣ－２０２２－０４１７",
            "工号 SC 2022 0417", "蒲 杰牵头", "蒲\u200b杰牵头", "蒲·杰牵头", "工号 SC\u22122022\u22120417",
            "工号 SC～2022～0417", "蒲\u2022杰牵头", "工号 SC—2022—0417", "工号 SC/2022/0417"})
    void textThatNamesTheCadreAsAReaderWouldReadItIsRefused(String text) {
        assertThatThrownBy(() -> PersonalDataGuard.requireNoPersonalData(CADRE, "summary", text))
                .isInstanceOf(RuleViolatedException.class)
                .hasMessageNotContaining("蒲杰")
                .hasMessageNotContaining("SC-2022-0417");
    }

    @ParameterizedTest
    @ValueSource(strings = {"推动开通川渝跨省公交线路", "对接融资 2022 年", "SC-2022", "蒲江县项目"})
    void textThatDoesNotNameTheCadreIsTaken(String text) {
        assertThatCode(() -> PersonalDataGuard.requireNoPersonalData(CADRE, "summary", text))
                .doesNotThrowAnyException();
    }

    /** A number kept without separators is still found where a reader puts one between letters and digits. */
    @ParameterizedTest
    @ValueSource(strings = {"工号 SC-20220417", "工号 sc 20220417", "工号SC20220417"})
    void aNumberKeptWithoutSeparatorsIsFoundWithThemBetweenLettersAndDigits(String text) {
        CadreIdentity cadre = new CadreIdentity("cadre-3", "蒲杰", "SC20220417");

        assertThatThrownBy(() -> PersonalDataGuard.requireNoPersonalData(cadre, "summary", text))
                .isInstanceOf(RuleViolatedException.class);
    }

    /** Punctuation between neighbouring words does not join them into a name or a number. */
    @ParameterizedTest
    @CsvSource({"周平, SC-2021-0001, 本周，平均走访企业3家", "高峰, SC-2021-0002, 标准提高，峰值负荷下降",
            "李明, 20220417, 2022-04-17 完成对接", "王芳, 12345, '融资1,234,567元'"})
    void wordsThatOnlyMeetAcrossPunctuationAreNotAName(String name, String personnelNo, String text) {
        CadreIdentity cadre = new CadreIdentity("cadre-2", name, personnelNo);

        assertThatCode(() -> PersonalDataGuard.requireNoPersonalData(cadre, "summary", text))
                .doesNotThrowAnyException();
    }
}
