package cn.shuangcheng.cadres;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** cadre-service: the write side of the Sichuan–Chongqing cadre exchange, and the keeper of cadres' personal data. */
@SpringBootApplication
public class CadreServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CadreServiceApplication.class, args);
    }
}
